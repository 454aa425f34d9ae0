package io.weir.rules.internal;

import java.time.Instant;

/**
 * Numbers the occurrences of one rule's alarm: the {@code n} in {@code gatewayId:ruleId:n}. A number must never
 * come back, not even after the gateway restarts, because the cloud opens one case per alarm id.
 */
@FunctionalInterface
interface OccurrenceNumbers {

    /** The number of an occurrence raised by a reading taken at {@code raisedAt}. */
    long next(Instant raisedAt);
}
