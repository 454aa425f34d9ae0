package io.weir.cloud.deploy;

import java.time.Instant;

/**
 * One gateway's job.
 *
 * @param detail the reason of a failure, roll-back, refusal or time-out; the signer once verified
 * @param bytes  downloaded so far, from the gateway's reports (null before any)
 */
public record JobStatus(String jobId, String rolloutId, String gatewayId, boolean canary, JobState state,
                        String detail, Long bytes, Long totalBytes, int attempts, Instant updatedAt) {
}
