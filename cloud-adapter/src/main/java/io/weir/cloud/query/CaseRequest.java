package io.weir.cloud.query;

import java.time.Instant;

/**
 * A case request in the outbox.
 *
 * @param requestJson   the exact body sent to {@code POST /api/v1/cases}
 * @param nextAttemptAt when a PENDING request is due
 * @param lastError     why the last attempt failed, or why the platform refused the request
 * @param caseId        the platform's case id once SENT
 */
public record CaseRequest(String alarmId, String gatewayId, CaseDeliveryStatus status, int attempts,
                          Instant nextAttemptAt, String lastError, String caseId, String requestJson) {
}
