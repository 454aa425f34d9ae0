package io.weir.simulator.county;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Case bodies as the cloud adapter sends them (the example of docs/protocol.md), to take apart in tests. */
final class CaseBodies {

    private static final String EXAMPLE = """
            {"v":1,"idempotencyKey":"gw-yx-001:river-level:1","caseType":"EVENT","largeClass":"04",
             "smallClass":"0401","title":"River level YELLOW at Yuxi River Station",
             "description":"water_level 3.52 m reached 3.50 m (YELLOW)","source":"weir","urgency":"URGENT",
             "longitude":120.1551,"latitude":30.2741,"address":"Yuxi River Station (62001200)",
             "department":"water-resources","timeLimitHours":2,"reportedAt":"2026-11-21T08:00:00Z"}
            """;

    private final ObjectMapper json = new ObjectMapper();

    ObjectNode example(String idempotencyKey) {
        try {
            ObjectNode body = (ObjectNode) json.readTree(EXAMPLE);
            body.put("idempotencyKey", idempotencyKey);
            return body;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String text(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
