package io.weir.cloud.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A rollout and its jobs (by wave, then in the group's order). {@code target} is {@code gateway:<id>},
 * {@code group:<name>} or, for a roll-back, {@code rollback:<rolloutId>/wave-<n>}.
 *
 * @param waves            the wave sizes as given: counts ({@code "2"}) or shares of the target ({@code "25%"}); the
 *                         last one repeats
 * @param currentWave      the wave installing now (1-based), or the last one once finished
 * @param successThreshold percent of a wave's gateways that must succeed before the next wave starts
 * @param soak             how long to wait after a wave passed before the next one starts
 * @param nextWaveAt       while SOAKING: when the next wave starts
 * @param rollbackOf       for a roll-back: the rollout whose wave it undoes; else null
 * @param steeredBy        the operator who last paused, resumed, cancelled, retried or rolled it back, or null
 */
public record RolloutStatus(String rolloutId, String name, String version, String target, int canaries,
                            RolloutState state, String haltReason, Instant createdAt, Instant updatedAt,
                            List<String> waves, int waveCount, int currentWave, int successThreshold, Duration soak,
                            Instant nextWaveAt, String rollbackOf, Integer rollbackWave, String steeredBy,
                            List<JobStatus> jobs) {

    public RolloutStatus {
        waves = List.copyOf(waves);
        jobs = List.copyOf(jobs);
    }

    /** The jobs that count: a job retried by another is history. */
    public List<JobStatus> activeJobs() {
        return jobs.stream().filter(j -> j.supersededBy() == null).toList();
    }
}
