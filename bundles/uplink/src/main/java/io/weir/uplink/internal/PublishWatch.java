package io.weir.uplink.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The connection as the drainer uses it, noting when the broker last acknowledged a message: what a technician on
 * site asks first when the county sees nothing ("is the gateway getting its data out?").
 */
final class PublishWatch implements Publisher {

    private static final JsonFactory JSON = new JsonFactory();

    private final Publisher connection;
    private final Clock clock;
    private volatile Instant lastAcknowledged;
    private volatile String lastFailure;

    PublishWatch(Publisher connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    @Override
    public boolean isConnected() {
        return connection.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, Consumer<Throwable> done) throws Exception {
        connection.publish(topic, payload, failure -> {
            if (failure == null) {
                lastAcknowledged = clock.instant();
            } else {
                lastFailure = String.valueOf(failure.getMessage());
            }
            done.accept(failure);
        });
    }

    /**
     * {@code {"connected":true,"broker":"tcp://..","connects":1,"losses":0,"lastPublishAt":"..",
     * "lastPublishFailure":".."}}
     */
    String statusJson(String broker, UplinkStatus link) {
        var out = new StringWriter(160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("connected", isConnected());
            g.writeStringField("broker", broker);
            g.writeNumberField("connects", link.connects());
            g.writeNumberField("losses", link.losses());
            Instant last = lastAcknowledged;
            if (last != null) {
                g.writeStringField("lastPublishAt", last.toString());
            }
            if (lastFailure != null) {
                g.writeStringField("lastPublishFailure", lastFailure);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
