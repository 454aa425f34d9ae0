package io.weir.gpio.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Where every output stands, for the gateway's state message and the local console: operators must see that a
 * siren is sounding and which alarm holds it.
 */
final class OutputBoard {

    private record Output(int pin, boolean on, String alarmId) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Output> outputs = new TreeMap<>();

    synchronized void set(String name, int pin, boolean on, String alarmId) {
        outputs.put(name, new Output(pin, on, on ? alarmId : null));
    }

    synchronized void remove(String name) {
        outputs.remove(name);
    }

    /** {@code {"outputs":{"siren":{"pin":27,"on":true,"alarmId":".."}}}} */
    synchronized String json() {
        var out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("outputs");
            for (var e : outputs.entrySet()) {
                Output o = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("pin", o.pin());
                g.writeBooleanField("on", o.on());
                if (o.alarmId() != null) {
                    g.writeStringField("alarmId", o.alarmId());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
