package io.weir.cloud.deploy;

import java.time.Instant;
import java.util.List;

/** A rollout and its jobs (canaries first). {@code target} is {@code gateway:<id>} or {@code group:<name>}. */
public record RolloutStatus(String rolloutId, String name, String version, String target, int canaries,
                            RolloutState state, String haltReason, Instant createdAt, Instant updatedAt,
                            List<JobStatus> jobs) {

    public RolloutStatus {
        jobs = List.copyOf(jobs);
    }
}
