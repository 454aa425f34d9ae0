package io.weir.cloud.internal.cases;

import java.time.Duration;

/** What one attempt to open a case came to. */
public sealed interface SendResult {

    /** The platform holds the case (new, or already opened under the same idempotency key). */
    record Opened(String caseId, boolean created) implements SendResult {
    }

    /** Worth trying again later: IO error, timeout, 5xx or 429. {@code retryAfter} is the server's hint or null. */
    record Retry(String reason, Duration retryAfter) implements SendResult {
    }

    /** Refused for good (a 4xx other than 429): retrying the same request cannot succeed. */
    record Refused(String reason) implements SendResult {
    }
}
