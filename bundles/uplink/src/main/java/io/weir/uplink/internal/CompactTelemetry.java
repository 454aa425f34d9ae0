package io.weir.uplink.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.weir.api.store.StoredMessage;

/**
 * Writes a telemetry message in the compact encoding of docs/protocol.md (version 2): the readings grouped into one
 * series per channel (with its unit and decimals), each series' name written once and each reading a row of
 * {@code [offset-ms, value, quality-code]} (and the reason when not GOOD), the whole gzip-compressed. Values are
 * copied as the store wrote them, so {@code 4.600} keeps its zeros.
 */
final class CompactTelemetry {

    static final int VERSION = 2;
    private static final int NANOS_PER_MILLI = 1_000_000;
    /** A row's quality code is the index here: 0 GOOD, 1 UNCERTAIN, 2 BAD. */
    private static final List<String> QUALITY_CODES = List.of("GOOD", "UNCERTAIN", "BAD");

    private final JsonFactory json = new JsonFactory();

    /** One stored reading, its value kept as the JSON token it was written as. */
    private record Row(Stamp stamp, JsonToken valueToken, String valueText, int qualityCode, String reason) {
    }

    /**
     * A reading time, parsed once for all the readings that share it (one poll's readings do, and the store keeps
     * them together) and its offset from {@code t0} worked out once.
     */
    private static final class Stamp {
        private final String text;
        private final Instant ts;
        private BigDecimal offset;

        Stamp(String text, Instant ts) {
            this.text = text;
            this.ts = ts;
        }

        BigDecimal offsetFrom(Instant t0) {
            if (offset == null) {
                offset = offsetMillis(t0, ts);
            }
            return offset;
        }
    }

    /** What a series shares: every reading of it has this channel, unit and decimals. */
    private record SeriesKey(String channel, String unit, Integer decimals) {
    }

    /**
     * @throws IllegalArgumentException when a record is not a reading as the store writes them; the caller sends
     *                                  the message as JSON instead, so it is never stuck
     */
    byte[] message(String gatewayId, StoredMessage message, Instant sentAt) {
        Map<SeriesKey, List<Row>> series = new LinkedHashMap<>();
        Instant t0 = null;
        Stamp last = null;
        for (String record : message.records()) {
            Parsed reading = read(record, last);
            series.computeIfAbsent(reading.key(), k -> new ArrayList<>()).add(reading.row());
            last = reading.row().stamp();
            t0 = t0 == null || last.ts.isBefore(t0) ? last.ts : t0;
        }
        var out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = json.createGenerator(new GZIPOutputStream(out))) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeStringField("gatewayId", gatewayId);
            g.writeNumberField("seq", message.seq());
            g.writeStringField("sentAt", sentAt.toString());
            g.writeStringField("t0", Objects.requireNonNull(t0, "a message holds readings").toString());
            g.writeArrayFieldStart("series");
            for (var entry : series.entrySet()) {
                writeSeries(g, entry.getKey(), entry.getValue(), t0);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeSeries(JsonGenerator g, SeriesKey key, List<Row> rows, Instant t0) throws IOException {
        g.writeStartObject();
        g.writeStringField("channel", key.channel());
        if (!key.unit().isEmpty()) {
            g.writeStringField("unit", key.unit());
        }
        if (key.decimals() != null) {
            g.writeNumberField("decimals", key.decimals());
        }
        g.writeArrayFieldStart("rows");
        for (Row row : rows) {
            g.writeStartArray();
            g.writeNumber(row.stamp().offsetFrom(t0));
            writeValue(g, row);
            g.writeNumber(row.qualityCode());
            if (row.reason() != null) {
                g.writeString(row.reason());
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Milliseconds after {@code t0}, with as many decimals as the timestamp has digits below the millisecond. */
    private static BigDecimal offsetMillis(Instant t0, Instant ts) {
        Duration offset = Duration.between(t0, ts);
        long nanos = offset.getSeconds() * 1_000_000_000L + offset.getNano();
        if (nanos % NANOS_PER_MILLI == 0) {
            return BigDecimal.valueOf(nanos / NANOS_PER_MILLI);
        }
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros();
    }

    private static void writeValue(JsonGenerator g, Row row) throws IOException {
        if (row.valueToken() == null) {
            g.writeNull();
        } else if (row.valueToken() == JsonToken.VALUE_STRING) {
            g.writeString(row.valueText());
        } else if (row.valueToken().isBoolean()) {
            g.writeBoolean(row.valueToken() == JsonToken.VALUE_TRUE);
        } else {
            g.writeNumber(row.valueText()); // as written: 4.600 stays 4.600
        }
    }

    private record Parsed(SeriesKey key, Row row) {
    }

    /** @param last the time of the record before, taken again when this one has the same */
    private Parsed read(String record, Stamp last) {
        String channel = null;
        String ts = null;
        String unit = "";
        Integer decimals = null;
        String quality = null;
        String reason = null;
        JsonToken valueToken = null;
        String valueText = null;
        try (JsonParser p = json.createParser(record)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a telemetry record is not a JSON object: " + record);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "channel" -> channel = p.getText();
                    case "ts" -> ts = p.getText();
                    case "unit" -> unit = p.getText();
                    case "decimals" -> decimals = p.getIntValue();
                    case "quality" -> quality = p.getText();
                    case "reason" -> reason = p.getText();
                    case "value" -> {
                        valueToken = token == JsonToken.VALUE_NULL ? null : token;
                        valueText = p.getText();
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("a telemetry record is not JSON: " + record, e);
        }
        if (channel == null || ts == null || !QUALITY_CODES.contains(quality)) {
            throw new IllegalArgumentException("a telemetry record lacks its channel, ts or quality: " + record);
        }
        return new Parsed(new SeriesKey(channel, unit, decimals),
                new Row(last != null && last.text.equals(ts) ? last : stamp(ts, record), valueToken, valueText,
                        QUALITY_CODES.indexOf(quality), reason));
    }

    private static Stamp stamp(String ts, String record) {
        try {
            return new Stamp(ts, Instant.parse(ts));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a telemetry record's ts is not an instant: " + record, e);
        }
    }
}
