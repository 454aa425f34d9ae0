package io.weir.cloud.deploy;

/** Where a rollout stands. */
public enum RolloutState {
    /** The canary gateways are installing; the others are held. */
    CANARY,
    /** Every canary succeeded (or there were none): every gateway has its command. */
    ROLLING_OUT,
    /** Every gateway reported DEPLOY_SUCCEEDED. */
    SUCCEEDED,
    /** Every job is final, and at least one did not succeed. */
    FINISHED_WITH_FAILURES,
    /** A canary failed, rolled back or timed out: the held gateways were cancelled (see the halt reason). */
    HALTED;

    public boolean isFinal() {
        return this != CANARY && this != ROLLING_OUT;
    }
}
