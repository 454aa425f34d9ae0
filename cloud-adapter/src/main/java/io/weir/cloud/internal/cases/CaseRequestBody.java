package io.weir.cloud.internal.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The body of {@code POST /api/v1/cases}, field for field as in docs/protocol.md. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"v", "idempotencyKey", "caseType", "largeClass", "smallClass", "title", "description", "source",
        "urgency", "longitude", "latitude", "address", "department", "timeLimitHours", "reportedAt"})
public record CaseRequestBody(int v, String idempotencyKey, String caseType, String largeClass, String smallClass,
                              String title, String description, String source, String urgency, double longitude,
                              double latitude, String address, String department, int timeLimitHours,
                              String reportedAt) {
}
