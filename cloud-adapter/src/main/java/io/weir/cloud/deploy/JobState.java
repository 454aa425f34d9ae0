package io.weir.cloud.deploy;

import java.util.Optional;

/**
 * One gateway's deployment job, from the adapter's side: held, to send, sent, then the gateway's own reports
 * (DEPLOY_* events, docs/protocol.md "Deployment") up to one final state. States only move forward ({@link #rank}),
 * so reports that arrive late, twice or out of order change nothing.
 */
public enum JobState {
    /** Held until the rollout's canaries have succeeded. */
    WAITING(0),
    /** The install command is due. */
    PENDING(1),
    /** The command reached the broker; no report from the gateway yet (it is resent now and then). */
    SENT(2),
    ACCEPTED(3),
    DOWNLOADING(4),
    DOWNLOADED(5),
    VERIFIED(6),
    INSTALLED(7),
    SUCCEEDED(9),
    FAILED(9),
    ROLLED_BACK(9),
    /** No report before the deadline; a later report from the gateway still replaces it. */
    TIMED_OUT(8),
    /**
     * Its rollout was cancelled before the gateway reported: never sent, or a command the gateway may still take
     * from the broker until it expires, in which case its reports replace this.
     */
    CANCELLED(8);

    private final int rank;

    JobState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return rank >= 8;
    }

    /** The state a DEPLOY_* event type reports (an uninstall job succeeds with DEPLOY_UNINSTALLED). */
    public static Optional<JobState> fromEvent(String type) {
        return switch (type) {
            case "DEPLOY_ACCEPTED" -> Optional.of(ACCEPTED);
            case "DEPLOY_DOWNLOADING" -> Optional.of(DOWNLOADING);
            case "DEPLOY_DOWNLOADED" -> Optional.of(DOWNLOADED);
            case "DEPLOY_VERIFIED" -> Optional.of(VERIFIED);
            case "DEPLOY_INSTALLED" -> Optional.of(INSTALLED);
            case "DEPLOY_SUCCEEDED", "DEPLOY_UNINSTALLED" -> Optional.of(SUCCEEDED);
            case "DEPLOY_FAILED" -> Optional.of(FAILED);
            case "DEPLOY_ROLLED_BACK" -> Optional.of(ROLLED_BACK);
            default -> Optional.empty();
        };
    }
}
