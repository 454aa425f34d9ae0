package io.weir.simulator.county;

import java.time.Instant;

/**
 * A follow-up the platform accepted on a case: an update (escalation), a note (recovery) or a close request, each
 * once per idempotency key.
 *
 * @param kind UPDATE, NOTE or CLOSE_REQUEST
 * @param text the description of an update, the note, or the reason for closing
 */
public record CaseActivity(String caseId, String kind, String idempotencyKey, String text, Instant at) {
    public static final String UPDATE = "UPDATE";
    public static final String NOTE = "NOTE";
    public static final String CLOSE_REQUEST = "CLOSE_REQUEST";
}
