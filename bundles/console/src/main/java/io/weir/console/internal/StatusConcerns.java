package io.weir.console.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What other bundles' status parts say that makes the gateway unhealthy, in words a technician understands: a
 * rejected site file ({@code site}), a device that stopped answering ({@code modbus}), a store near its cap
 * ({@code store}). Reads the parts by their documented keys only; a part that is absent or unreadable adds nothing
 * here (bundle and component failures are reported by {@link HealthCheck} itself).
 */
final class StatusConcerns {

    /** Longest piece of another bundle's text quoted in a summary: a line, never a stack trace. */
    private static final int QUOTE_MAX = 160;

    private final ObjectMapper json = new ObjectMapper();
    private final int unansweredPolls;

    /** @param unansweredPolls polls in a row without an answer after which a device makes the gateway unhealthy */
    StatusConcerns(int unansweredPolls) {
        this.unansweredPolls = Math.max(1, unansweredPolls);
    }

    /**
     * @param parts a status part's JSON by its name, empty when no bundle provides it
     * @return the concerns, empty when none
     */
    List<String> of(Function<String, Optional<String>> parts) {
        List<String> concerns = new ArrayList<>();
        read(parts.apply("site")).ifPresent(site -> site(site, concerns));
        read(parts.apply("modbus")).ifPresent(modbus -> modbus(modbus, concerns));
        read(parts.apply("store")).ifPresent(store -> store(store, concerns));
        return concerns;
    }

    /** Whether a site configuration is in force; without the {@code site} part nobody can tell, so assume not. */
    boolean configured(Function<String, Optional<String>> parts) {
        return read(parts.apply("site")).map(site -> site.path("inForce").isObject()).orElse(false);
    }

    private static void site(JsonNode site, List<String> concerns) {
        JsonNode inForce = site.path("inForce");
        JsonNode rejected = site.path("rejected");
        String fallback = inForce.isObject()
                ? "the last good configuration runs (" + inForce.path("file").asText() + ", applied "
                        + inForce.path("appliedAt").asText() + ")"
                : "nothing is configured, so nothing is polled";
        if (rejected.isObject()) {
            JsonNode problems = rejected.path("problems");
            String first = problems.size() == 0 ? "" : ", first: " + problem(problems.get(0));
            concerns.add("site file " + rejected.path("file").asText() + " was rejected (" + problems.size()
                    + " problem(s)" + first + "); " + fallback);
        } else if (!inForce.isObject()) {
            concerns.add("no site file has been applied; " + fallback);
        }
    }

    private static String problem(JsonNode p) {
        int line = p.path("line").asInt();
        String field = p.path("field").asText();
        return quote(p.path("file").asText() + (line > 0 ? ":" + line : "") + ": "
                + (field.isEmpty() ? "" : field + ": ") + p.path("message").asText());
    }

    private void modbus(JsonNode modbus, List<String> concerns) {
        for (JsonNode endpoint : modbus.path("endpoints")) {
            for (JsonNode device : endpoint.path("devices")) {
                long silent = device.path("silentPolls").asLong();
                if (silent >= unansweredPolls) {
                    String lastError = device.path("lastError").path("error").asText("");
                    concerns.add("device " + device.path("device").asText() + " (unit " + device.path("unitId").asInt()
                            + " on " + endpoint.path("link").asText() + ") is not answering (" + unansweredPolls
                            + " or more polls in a row)"
                            + (lastError.isEmpty() ? "" : " (last error: " + quote(lastError) + ")"));
                }
            }
        }
    }

    /** Reads the store part's {@code nearCap}/{@code nearCapReasons} and {@code capacityAlarm}/{@code capacityAlarms}. */
    private static void store(JsonNode store, List<String> concerns) {
        if (store.path("capacityAlarm").asBoolean(false)) {
            List<String> alarms = new ArrayList<>();
            store.path("capacityAlarms").forEach(a -> alarms.add(quote(a.asText())));
            concerns.add("the store raised a capacity alarm" + (alarms.isEmpty() ? "" : " (" + String.join(", ", alarms)
                    + ")") + ": free space on the data directory's file system or raise the store's caps");
        }
        if (store.path("nearCap").asBoolean(false)) {
            List<String> reasons = new ArrayList<>();
            store.path("nearCapReasons").forEach(r -> reasons.add(quote(r.asText())));
            concerns.add("the store is near its cap"
                    + (reasons.isEmpty() ? "; the oldest unsent telemetry will be evicted" : ": " + String.join("; ", reasons)));
        }
    }

    private Optional<JsonNode> read(Optional<String> part) {
        try {
            return part.isEmpty() ? Optional.empty() : Optional.of(json.readTree(part.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One line of at most {@link #QUOTE_MAX} characters: a message, never a stack trace. */
    static String quote(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= QUOTE_MAX ? line : line.substring(0, QUOTE_MAX - 1) + "…";
    }
}
