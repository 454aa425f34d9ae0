package io.weir.store.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.weir.api.AlarmEvent;
import io.weir.api.GatewayEvent;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * Writes readings and alarm events as the JSON objects of docs/protocol.md. The store keeps records in this form,
 * so draining is concatenation: nothing is parsed again on the way out.
 */
final class RecordCodec {

    private final JsonFactory json = new JsonFactory();

    String reading(Reading r) {
        return reading(r, r.timestamp().toString());
    }

    /** The records of a batch; the readings of one poll share their time, which is then written out once. */
    List<String> readings(List<Reading> readings) {
        var records = new ArrayList<String>(readings.size());
        Instant time = null;
        String text = null;
        for (Reading r : readings) {
            if (!r.timestamp().equals(time)) {
                time = r.timestamp();
                text = time.toString();
            }
            records.add(reading(r, text));
        }
        return records;
    }

    /** @param ts the reading's time as {@link Instant#toString} writes it */
    private String reading(Reading r, String ts) {
        return write(g -> {
            g.writeStringField("channel", r.channel());
            g.writeStringField("ts", ts);
            if (r.value() != null) {
                g.writeFieldName("value");
                writeValue(g, r.rounded()); // as people read it; the rules had the value as measured
            }
            if (r.decimals() != null) {
                g.writeNumberField("decimals", r.decimals());
            }
            if (!r.unit().isEmpty()) {
                g.writeStringField("unit", r.unit());
            }
            g.writeStringField("quality", r.quality().name());
            if (r.reason() != null) {
                g.writeStringField("reason", r.reason().name());
            }
        });
    }

    String alarm(AlarmEvent e) {
        return write(g -> {
            g.writeStringField("alarmId", e.alarmId());
            g.writeStringField("ruleId", e.ruleId());
            g.writeArrayFieldStart("channels");
            for (String channel : e.channels()) {
                g.writeString(channel);
            }
            g.writeEndArray();
            g.writeStringField("level", e.level().name());
            g.writeStringField("transition", e.transition().name());
            if (e.value() != null) {
                g.writeNumberField("value", e.value());
            }
            if (e.threshold() != null) {
                g.writeNumberField("threshold", e.threshold());
            }
            if (e.window() != null) {
                g.writeStringField("window", e.window().toString());
            }
            g.writeNumberField("alarmSeq", e.alarmSeq());
            g.writeStringField("ts", e.timestamp().toString());
            if (e.reason() != null) {
                g.writeStringField("reason", e.reason());
            }
            if (e.acknowledgement() != null) {
                g.writeObjectFieldStart("acknowledgement");
                g.writeStringField("by", e.acknowledgement().by());
                g.writeStringField("from", e.acknowledgement().from());
                g.writeBooleanField("onSite", e.acknowledgement().onSite());
                g.writeEndObject();
            }
            SiteInfo site = e.site();
            g.writeObjectFieldStart("site");
            g.writeStringField("stationCode", site.stationCode());
            g.writeStringField("name", site.name());
            g.writeNumberField("latitude", site.latitude());
            g.writeNumberField("longitude", site.longitude());
            g.writeEndObject();
        });
    }

    /** A gateway event as published on the event topic: type, ts, source, then its details in order. */
    String event(GatewayEvent e) {
        return write(g -> {
            g.writeStringField("type", e.type());
            g.writeStringField("ts", e.time().toString());
            g.writeStringField("source", e.source());
            for (var detail : e.details().entrySet()) {
                g.writeFieldName(detail.getKey());
                if (detail.getValue() == null) {
                    g.writeNull();
                } else if (detail.getValue() instanceof Number n && !(n instanceof Double || n instanceof Float)) {
                    g.writeNumber(n.longValue());
                } else if (detail.getValue() instanceof Number n) {
                    writeValue(g, n.doubleValue());
                } else {
                    writeValue(g, detail.getValue());
                }
            }
        });
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeString(d.toString());
            } else {
                g.writeNumber(d);
            }
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(value.toString());
        }
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private String write(Fields fields) {
        var out = new StringWriter(160);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
