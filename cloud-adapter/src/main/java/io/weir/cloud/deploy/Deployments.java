package io.weir.cloud.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment operations (docs/protocol.md "Deployment"): register packages, define groups of gateways, push a
 * package to one gateway or a group in waves, steer the rollout (pause, resume, cancel, retry, roll back), and
 * follow every gateway's progress. Everything is in the database, so any adapter instance over it answers the same,
 * and every change is a conditional update, so two instances asked the same thing do it once. Bad requests throw
 * {@link DeploymentRequestException} naming what is wrong.
 */
public interface Deployments {

    DeploymentPackageInfo registerPackage(PackageRegistration registration);

    List<DeploymentPackageInfo> packages();

    /**
     * Forgets a package that no rollout names, so a (name, version) registered by mistake can be registered again.
     *
     * @return false when it was not registered
     * @throws DeploymentRequestException (conflict) while a rollout names it
     */
    boolean deletePackage(String name, String version);

    /**
     * Replaces the group's members; their order is the wave order. Answers a warning for each member the adapter
     * would not deploy to or has never heard of (not registered, never seen), which a typo usually is.
     */
    List<String> defineGroup(String group, List<String> gatewayIds);

    Map<String, List<String>> groups();

    RolloutStatus startRollout(RolloutRequest request);

    /** Newest first. */
    List<RolloutStatus> rollouts();

    Optional<RolloutStatus> rollout(String rolloutId);

    /** Holds a running rollout: no command goes out and no wave starts; gateways already installing go on. */
    RolloutStatus pause(String rolloutId, String operator);

    /**
     * Goes on with a paused rollout, with a halted one despite its threshold (the halted wave is then judged only by
     * being over), or with a soaking one at once (the next wave starts without waiting out the soak).
     */
    RolloutStatus resume(String rolloutId, String operator);

    /** Ends the rollout: gateways not yet started never get the command; those installing are still followed. */
    RolloutStatus cancel(String rolloutId, String operator);

    /**
     * Gives the gateways whose job failed, rolled back or timed out a new job (all of them, or those named); a halted
     * or finished rollout runs again.
     */
    RolloutStatus retry(String rolloutId, List<String> gatewayIds, String operator);

    /**
     * Starts a rollout that puts back, on each gateway of the wave ({@code null}: every wave) whose job succeeded,
     * the version of the package it had before (uninstalling it where it had none). A running rollout is paused
     * first. Answers the new rollout.
     */
    RolloutStatus rollback(String rolloutId, Integer wave, String operator);

    /** The gateway's jobs, newest first. */
    List<JobStatus> jobs(String gatewayId);

    /** The gateway's latest events, newest first. */
    List<StoredGatewayEvent> events(String gatewayId, int limit);
}
