package io.weir.store.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** Writes the gateway event records the store raises about itself (published on weir/v1/{gw}/event). */
final class StoreEvents {

    private final JsonFactory json = new JsonFactory();

    /**
     * Readings evicted by the telemetry byte cap between {@code sinceMillis} and {@code untilMillis} and not yet
     * reported; {@code evictedTotal} counts them over the life of the store file.
     */
    String telemetryEvicted(long sinceMillis, long untilMillis, long records, long bytes, long capBytes,
                            long evictedTotal) {
        var out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "STORE_TELEMETRY_EVICTED");
            g.writeStringField("ts", Instant.ofEpochMilli(untilMillis).toString());
            g.writeStringField("since", Instant.ofEpochMilli(sinceMillis).toString());
            g.writeNumberField("records", records);
            g.writeNumberField("bytes", bytes);
            g.writeNumberField("capBytes", capBytes);
            g.writeNumberField("evictedTotal", evictedTotal);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
