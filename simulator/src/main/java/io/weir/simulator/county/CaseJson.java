package io.weir.simulator.county;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON shapes of the case API's answers. */
final class CaseJson {

    private static final int VERSION = 1;

    private final ObjectMapper json;

    CaseJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode opened(CaseRegistry.Opened opened) {
        ObjectNode node = json.createObjectNode();
        node.put("caseId", opened.countyCase().caseId());
        node.put("status", opened.countyCase().status());
        node.put("created", opened.created());
        return node;
    }

    ObjectNode list(List<CountyCase> newestFirst) {
        ObjectNode node = json.createObjectNode();
        node.put("v", VERSION);
        ArrayNode cases = node.putArray("cases");
        newestFirst.forEach(c -> cases.add(one(c)));
        return node;
    }

    private ObjectNode one(CountyCase c) {
        ObjectNode node = json.createObjectNode();
        node.put("caseId", c.caseId());
        node.put("idempotencyKey", c.idempotencyKey());
        node.put("caseType", c.caseType());
        node.put("largeClass", c.largeClass());
        node.put("smallClass", c.smallClass());
        node.put("title", c.title());
        node.put("description", c.description());
        node.put("urgency", c.urgency());
        node.put("longitude", c.longitude());
        node.put("latitude", c.latitude());
        node.put("address", c.address());
        node.put("department", c.department());
        node.put("timeLimitHours", c.timeLimitHours());
        node.put("reportedAt", c.reportedAt().toString());
        node.put("receivedAt", c.receivedAt().toString());
        node.put("status", c.status());
        return node;
    }
}
