package io.weir.cloud.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment operations (docs/protocol.md "Deployment"): register packages, define groups of gateways, push a
 * package to one gateway or a group with a staged rollout, and follow every gateway's progress. Everything is in the
 * database, so any adapter instance over it answers the same. Bad requests throw
 * {@link DeploymentRequestException} naming what is wrong.
 */
public interface Deployments {

    DeploymentPackageInfo registerPackage(PackageRegistration registration);

    List<DeploymentPackageInfo> packages();

    /** Replaces the group's members; their order is the canary order. */
    void defineGroup(String group, List<String> gatewayIds);

    Map<String, List<String>> groups();

    RolloutStatus startRollout(RolloutRequest request);

    /** Newest first. */
    List<RolloutStatus> rollouts();

    Optional<RolloutStatus> rollout(String rolloutId);

    /** The gateway's jobs, newest first. */
    List<JobStatus> jobs(String gatewayId);

    /** The gateway's latest events, newest first. */
    List<StoredGatewayEvent> events(String gatewayId, int limit);
}
