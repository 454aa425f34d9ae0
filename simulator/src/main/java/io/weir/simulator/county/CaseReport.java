package io.weir.simulator.county;

import java.time.Instant;

/** The fields of a POST /api/v1/cases body, once they have passed validation. */
record CaseReport(
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
        Instant reportedAt) {

    CountyCase register(String caseId, Instant receivedAt) {
        return new CountyCase(caseId, idempotencyKey, caseType, largeClass, smallClass, title, description, urgency,
                longitude, latitude, address, department, timeLimitHours, reportedAt, receivedAt,
                CountyCase.REGISTERED);
    }
}
