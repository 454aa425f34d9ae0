package io.weir.clock.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.weir.api.time.ClockStatus;

/** The {@code clock} status part (docs/protocol.md, "clock status"). */
final class ClockStatusJson {

    private final JsonFactory json = new JsonFactory();

    String write(ClockStatus s, List<String> sources) {
        var out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("synchronised", s.synchronised());
            g.writeStringField("source", s.source());
            g.writeStringField("detail", s.detail());
            g.writeStringField("since", s.since().toString());
            g.writeNumberField("steps", s.steps());
            if (s.lastStep() != null) {
                g.writeObjectFieldStart("lastStep");
                g.writeStringField("at", s.lastStep().at().toString());
                g.writeNumberField("jumpMillis", s.lastStep().jump().toMillis());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("sources");
            for (String source : sources) {
                g.writeString(source);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
