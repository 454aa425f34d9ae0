package io.weir.cloud.deploy;

import java.time.Instant;

/**
 * One gateway's job.
 *
 * @param detail          the reason of a failure, roll-back, refusal, time-out or cancellation; the signer once
 *                        verified
 * @param bytes           downloaded so far, from the gateway's reports (null before any)
 * @param wave            the rollout's wave this gateway belongs to (1-based)
 * @param action          {@code INSTALL}, or {@code UNINSTALL} for a roll-back to no package
 * @param version         the version this job installs (a roll-back's differs per gateway)
 * @param previousVersion what the gateway reported having of the package when the job was made: a version, "" for
 *                        none, null when unknown
 * @param lastReportAt    the gateway's last report on this job (null: none yet); resends of ours do not count
 * @param supersededBy    the job that retried this one, or null
 */
public record JobStatus(String jobId, String rolloutId, String gatewayId, boolean canary, JobState state,
                        String detail, Long bytes, Long totalBytes, int attempts, Instant updatedAt, int wave,
                        String action, String version, String previousVersion, Instant lastReportAt,
                        String supersededBy) {
}
