package io.weir.simulator.county;

import java.time.Instant;
import java.util.Objects;

/**
 * A case as the county platform registered it: the fields the reporter sent, plus the platform's case id, the time
 * the platform received it and its status.
 */
public record CountyCase(
        String caseId,
        String idempotencyKey,
        String caseType,
        String largeClass,
        String smallClass,
        String title,
        String description,
        String urgency,
        double longitude,
        double latitude,
        String address,
        String department,
        int timeLimitHours,
        Instant reportedAt,
        Instant receivedAt,
        String status) {

    /** The status of a case the platform has accepted (立案) and not yet dispatched. */
    public static final String REGISTERED = "REGISTERED";
    /** Sent to a department (派遣). */
    public static final String DISPATCHED = "DISPATCHED";
    /** The department reports it handled (处置). */
    public static final String HANDLED = "HANDLED";
    /** Checked and closed (核查结案). */
    public static final String CLOSED = "CLOSED";

    public CountyCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(status, "status");
    }

    CountyCase withStatus(String newStatus) {
        return new CountyCase(caseId, idempotencyKey, caseType, largeClass, smallClass, title, description, urgency,
                longitude, latitude, address, department, timeLimitHours, reportedAt, receivedAt, newStatus);
    }

    CountyCase withUpdate(String newTitle, String newDescription, String newUrgency) {
        return new CountyCase(caseId, idempotencyKey, caseType, largeClass, smallClass, newTitle, newDescription,
                newUrgency, longitude, latitude, address, department, timeLimitHours, reportedAt, receivedAt, status);
    }
}
