package io.weir.cloud.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an event batch. Only the envelope fields are fixed ({@code type}, {@code ts}, optional {@code source});
 * the rest are the event's details, which must be scalars (io.weir.api.GatewayEvent allows nothing else).
 */
final class EventReader {
    static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private EventReader() {
    }

    static EventMessage read(JsonFields root, String gatewayId) throws PayloadException {
        long seq = root.requiredLong("seq", 0);
        var sentAt = root.requiredInstant("sentAt");
        List<GatewayEventRecord> events = new ArrayList<>();
        for (JsonFields event : root.objects("events", 1)) {
            events.add(event(event));
        }
        return new EventMessage(gatewayId, seq, sentAt, List.copyOf(events));
    }

    private static GatewayEventRecord event(JsonFields e) throws PayloadException {
        String type = e.requiredText("type", TYPE);
        var ts = e.requiredInstant("ts");
        String source = e.optionalText("source", 255);
        Map<String, Object> details = new LinkedHashMap<>();
        JsonNode node = e.node();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("type") || name.equals("ts") || name.equals("source")) {
                continue;
            }
            details.put(name, e.optionalScalar(name));
        }
        return new GatewayEventRecord(type, ts, source, details, node.toString());
    }
}
