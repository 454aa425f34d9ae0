package io.weir.cloud.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the gateway payloads of docs/protocol.md for tests. Every payload built here is checked against the JSON
 * Schemas in docs/schemas before it is returned, so the tests only ever send what the contract allows.
 */
public final class Payloads {
    public static final String STATION = "62001200";
    public static final String STATION_NAME = "Yuxi River Station";
    public static final double LATITUDE = 30.2741;
    public static final double LONGITUDE = 120.1551;
    public static final String LEVEL_CHANNEL = STATION + "/radar-1/water_level";
    public static final String RAIN_CHANNEL = STATION + "/rain-1/rain_counter";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    public static Map<String, Object> site() {
        return ordered("stationCode", STATION, "name", STATION_NAME, "latitude", LATITUDE, "longitude", LONGITUDE);
    }

    public static String birth(String gatewayId) {
        return Schemas.requireValid("state", write(ordered("v", 1, "gatewayId", gatewayId, "online", true,
                "ts", "2026-11-21T08:00:00Z",
                "runtime", ordered("weir", "0.1.0", "framework", "org.eclipse.osgi 3.24.300"),
                "site", site(), "profiles", List.of("hlk-ld8001h", "rs485-tipping-bucket"))));
    }

    public static String lastWill(String gatewayId) {
        return Schemas.requireValid("state", write(ordered("v", 1, "gatewayId", gatewayId, "online", false,
                "reason", "connection-lost")));
    }

    public static String cleanDeath(String gatewayId) {
        return Schemas.requireValid("state", write(ordered("v", 1, "gatewayId", gatewayId, "online", false,
                "reason", "shutdown", "ts", "2026-11-21T09:00:00Z")));
    }

    public static Map<String, Object> reading(String channel, String ts, Object value, String unit) {
        return ordered("channel", channel, "ts", ts, "value", value, "unit", unit, "quality", "GOOD");
    }

    public static Map<String, Object> badReading(String channel, String ts, String reason) {
        return ordered("channel", channel, "ts", ts, "unit", "mm", "quality", "BAD", "reason", reason);
    }

    @SafeVarargs
    public static String telemetry(String gatewayId, long seq, Map<String, Object>... readings) {
        return Schemas.requireValid("telemetry", write(ordered("v", 1, "gatewayId", gatewayId, "seq", seq,
                "sentAt", "2026-11-21T08:00:05Z", "readings", List.of(readings))));
    }

    /**
     * A compact telemetry payload (version 2): the series as given, checked against its schema, then gzip-compressed
     * as docs/protocol.md says, written here from the document rather than by the gateway's encoder.
     */
    @SafeVarargs
    public static byte[] compactTelemetry(String gatewayId, long seq, String t0, Map<String, Object>... series) {
        return gzip(Schemas.requireValid("telemetry-compact", write(ordered("v", 2, "gatewayId", gatewayId,
                "seq", seq, "sentAt", "2026-11-21T08:00:05Z", "t0", t0, "series", List.of(series)))));
    }

    /** One channel's series of a compact payload; {@code unit} and {@code decimals} are left out when null. */
    public static Map<String, Object> series(String channel, String unit, Integer decimals, List<?>... rows) {
        Map<String, Object> series = ordered("channel", channel);
        if (unit != null) {
            series.put("unit", unit);
        }
        if (decimals != null) {
            series.put("decimals", decimals);
        }
        series.put("rows", List.of(rows));
        return series;
    }

    public static byte[] gzip(String json) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A water-level event of rule river-level with threshold 3.5. */
    public static Map<String, Object> event(String alarmId, String level, String transition, int alarmSeq,
                                            double value) {
        return ordered("alarmId", alarmId, "ruleId", "river-level", "channels", List.of(LEVEL_CHANNEL),
                "level", level, "transition", transition, "value", value, "threshold", 3.5, "alarmSeq", alarmSeq,
                "ts", "2026-11-21T08:0" + alarmSeq + ":00Z", "site", site());
    }

    /** A device fault event (level FAULT) without value or threshold. */
    public static Map<String, Object> faultEvent(String alarmId, String transition, int alarmSeq) {
        return ordered("alarmId", alarmId, "ruleId", "radar-comm-fault", "channels", List.of(LEVEL_CHANNEL),
                "level", "FAULT", "transition", transition, "alarmSeq", alarmSeq, "ts", "2026-11-21T08:10:00Z",
                "site", site());
    }

    @SafeVarargs
    public static String alarm(String gatewayId, long seq, Map<String, Object>... events) {
        return Schemas.requireValid("alarm", write(ordered("v", 1, "gatewayId", gatewayId, "seq", seq,
                "sentAt", "2026-11-21T08:00:05Z", "events", List.of(events))));
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
