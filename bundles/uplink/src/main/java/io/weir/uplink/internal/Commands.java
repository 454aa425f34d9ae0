package io.weir.uplink.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.weir.api.command.CommandHandler;

/**
 * Commands from the cloud: a request on weir/v1/{gw}/cmd/{name} is
 * {@code {"v":1,"requestId":"r-1","args":{...}}}; scalar fields beside {@code v} and {@code requestId} count as
 * arguments too, as in {@code cmd/alarm-ack} ({@code {"v":1,"requestId":..,"alarmId":..,"caseId":..}}). The reply
 * goes to weir/v1/{gw}/reply/{requestId}. A request without a usable request id cannot be answered and is dropped
 * with a warning. Delivery is at least once, so a request id seen lately is not run again: its earlier reply is
 * sent again instead (failures are not remembered: a resend may succeed). Handlers come and go at runtime, as
 * bundles register CommandHandler services.
 */
final class Commands {

    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    record Reply(String topic, byte[] payload) {
    }

    private record Request(int version, String requestId, Map<String, String> args) {
    }

    /** How many recent replies are kept to answer a repeated request id. */
    private static final int RECENT_REPLIES = 256;

    private final Topics topics;
    private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Reply> recent = new LinkedHashMap<>(RECENT_REPLIES, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reply> eldest) {
            return size() > RECENT_REPLIES;
        }
    };
    private final Envelopes envelopes;
    private final Clock clock;
    private final JsonFactory json = new JsonFactory();

    Commands(Topics topics, Map<String, CommandHandler> handlers, Envelopes envelopes, Clock clock) {
        this.topics = topics;
        this.handlers.putAll(handlers);
        this.envelopes = envelopes;
        this.clock = clock;
    }

    /** Adds a command; false (and nothing changes) when the name is taken. */
    boolean register(String name, CommandHandler handler) {
        return handlers.putIfAbsent(name, handler) == null;
    }

    /** Removes a command if it is still this handler. */
    void unregister(String name, CommandHandler handler) {
        handlers.remove(name, handler);
    }

    /** The commands every gateway answers. */
    static Map<String, CommandHandler> builtIn() {
        return Map.of("ping", args -> "{\"pong\":true}");
    }

    /** Handles one request; returns the reply to publish, or null when none can be sent. */
    Reply handle(String topic, byte[] payload) {
        String name = topics.commandName(topic);
        if (name == null) {
            return null;
        }
        Request request;
        try {
            request = parse(payload);
        } catch (IOException | RuntimeException e) {
            LOG.warn("command {} ignored: its payload is not a JSON object ({})", name, e.getMessage());
            return null;
        }
        String id = request.requestId();
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            LOG.warn("command {} ignored: requestId '{}' must match {}", name, id, REQUEST_ID);
            return null;
        }
        synchronized (recent) {
            Reply earlier = recent.get(id);
            if (earlier != null) {
                LOG.info("command {} ({}) seen before: its reply is sent again", name, id);
                return earlier;
            }
        }
        String result = null;
        String error = null;
        CommandHandler handler = handlers.get(name);
        if (request.version() != Envelopes.VERSION) {
            error = "unsupported version " + request.version() + "; this gateway speaks version " + Envelopes.VERSION;
        } else if (handler == null) {
            error = "unknown command '" + name + "'; known: " + String.join(", ", new TreeSet<>(handlers.keySet()));
        } else {
            try {
                result = handler.handle(request.args());
                if (!isJsonObject(result)) {
                    error = "command failed: its handler returned no JSON object";
                    LOG.warn("command {} returned '{}', not a JSON object", name, result);
                    result = null;
                }
            } catch (IllegalArgumentException e) {
                error = "bad request: " + e.getMessage();
            } catch (Exception e) {
                error = "command failed: " + e.getMessage();
            }
        }
        LOG.info("command {} ({}): {}", name, id, error == null ? "ok" : error);
        var reply = new Reply(topics.reply(id),
                envelopes.reply(topics.gatewayId(), id, name, clock.instant(), result, error));
        if (error == null) { // a failed request may succeed when sent again (a handler that was not there yet)
            synchronized (recent) {
                recent.put(id, reply);
            }
        }
        return reply;
    }

    /** True when {@code text} is exactly one well-formed JSON object. */
    boolean isJsonObject(String text) {
        return text != null && JsonText.isValue(json, text, JsonToken.START_OBJECT);
    }

    private Request parse(byte[] payload) throws IOException {
        int version = -1;
        String requestId = null;
        var args = new LinkedHashMap<String, String>();
        try (JsonParser p = json.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "v" -> version = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    case "requestId" -> requestId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "args" -> readArgs(p, value, args);
                    default -> {
                        if (value.isScalarValue()) {
                            args.putIfAbsent(field, p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
        }
        return new Request(version, requestId, args);
    }

    private static void readArgs(JsonParser p, JsonToken start, Map<String, String> args) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isScalarValue()) {
                args.put(name, p.getText());
            } else {
                p.skipChildren();
            }
        }
    }
}
