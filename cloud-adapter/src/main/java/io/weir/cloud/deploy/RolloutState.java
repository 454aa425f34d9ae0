package io.weir.cloud.deploy;

/**
 * Where a rollout stands. Running: {@link #CANARY}, {@link #ROLLING_OUT}, {@link #SOAKING}. Held for an operator:
 * {@link #PAUSED}, {@link #HALTED}. Over: {@link #SUCCEEDED}, {@link #FINISHED_WITH_FAILURES}, {@link #CANCELLED}.
 */
public enum RolloutState {
    /** The first of several waves is installing; the others are held. */
    CANARY,
    /** A later wave, or the only one, is installing. */
    ROLLING_OUT,
    /** A wave passed its success threshold; the next one starts when the soak time is over. */
    SOAKING,
    /** An operator paused it: no command goes out and no wave starts until it is resumed. */
    PAUSED,
    /**
     * A wave fell below its success threshold: nothing more goes out (see the halt reason) until an operator
     * retries the failed gateways, resumes anyway, rolls the wave back or cancels.
     */
    HALTED,
    /** Every gateway reported DEPLOY_SUCCEEDED. */
    SUCCEEDED,
    /** Every job is final, and at least one did not succeed. */
    FINISHED_WITH_FAILURES,
    /** An operator cancelled it: the gateways not yet started never get the command. */
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FINISHED_WITH_FAILURES || this == CANCELLED;
    }

    /** True while the adapter sends its commands and starts its waves by itself. */
    public boolean isRunning() {
        return this == CANARY || this == ROLLING_OUT || this == SOAKING;
    }
}
