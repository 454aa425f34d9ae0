package io.weir.store.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.weir.api.store.MessageClass;

/** The {@code store} status part (docs/protocol.md, "store status"). */
final class StoreStatusJson {

    private final JsonFactory json = new JsonFactory();

    String write(StoreReport r, int pendingInMemory) {
        var out = new StringWriter(512);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("backlog");
            g.writeNumberField("alarms", r.stats().storedAlarms());
            g.writeNumberField("events", r.stats().storedEvents());
            g.writeNumberField("telemetry", r.stats().storedTelemetry());
            g.writeNumberField("inFlightMessages", r.stats().inFlightMessages());
            g.writeNumberField("heldInMemory", pendingInMemory);
            g.writeEndObject();
            g.writeObjectFieldStart("oldestUnsent");
            for (MessageClass cls : MessageClass.values()) {
                String ts = r.oldestUnsent().get(cls);
                if (ts != null) {
                    g.writeStringField(cls.name().toLowerCase(Locale.ROOT), ts);
                }
            }
            g.writeEndObject();
            g.writeObjectFieldStart("caps");
            g.writeNumberField("telemetryBytes", r.telemetryCap());
            g.writeNumberField("alarmBytes", r.alarmCap());
            g.writeNumberField("fileBytes", r.fileCap());
            g.writeNumberField("reserveBytes", r.reserveBytes());
            g.writeEndObject();
            g.writeObjectFieldStart("used");
            g.writeNumberField("telemetryBytes", r.stats().telemetryBytes());
            g.writeNumberField("alarmBytes", r.stats().alarmBytes());
            g.writeNumberField("fileBytes", r.fileUsed());
            g.writeNumberField("fileOnDiskBytes", r.fileBytes());
            g.writeNumberField("walBytes", r.walBytes());
            g.writeEndObject();
            g.writeNumberField("diskFreeBytes", r.diskFreeBytes());
            g.writeBooleanField("reserveInPlace", r.reserveInPlace());
            g.writeNumberField("evictedTelemetry", r.stats().evictedTelemetry());
            g.writeNumberField("lastSeq", r.stats().lastSeq());
            g.writeNumberField("failedWrites", r.failedWrites());
            g.writeBooleanField("nearCap", r.nearCap() || pendingInMemory > 0);
            g.writeArrayFieldStart("nearCapReasons");
            for (String reason : r.nearCapReasons()) {
                g.writeString(reason);
            }
            if (pendingInMemory > 0) {
                g.writeString(pendingInMemory + " alarm and event records wait in memory for room in the store");
            }
            g.writeEndArray();
            g.writeBooleanField("capacityAlarm", r.capacityAlarm());
            g.writeArrayFieldStart("capacityAlarms");
            if (r.alarmCapAlarm()) {
                g.writeString(CapacityAlarms.Kind.ALARM_CAP.ruleId);
            }
            if (r.diskFullAlarm()) {
                g.writeString(CapacityAlarms.Kind.DISK_FULL.ruleId);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
