package io.weir.uplink.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * {@code {"v":1,"requestId":"r-1","expiresAt":"2026-11-21T08:10:00Z","args":{...}}}; scalar fields beside
 * {@code v}, {@code requestId} and {@code expiresAt} count as arguments too, as in {@code cmd/alarm-ack}
 * ({@code {"v":1,"requestId":..,"expiresAt":..,"alarmId":..,"caseId":..}}). The reply goes to
 * weir/v1/{gw}/reply/{requestId}. A request without a usable request id cannot be answered and is dropped with a
 * warning. Every command carries its expiry and is refused once it has passed (or when it lies further ahead than
 * the longest lifetime): a command replayed later, or kept by a broker, cannot act. Delivery is at least once, so a
 * request id answered before, also before a restart ({@link RequestLog}), is not run again: its earlier reply is
 * sent again instead (failures are not remembered: a resend may succeed). Handlers come and go at runtime, as
 * bundles register CommandHandler services.
 */
final class Commands {

    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    record Reply(String topic, byte[] payload) {
    }

    private record Request(int version, String requestId, String expiresAt, Map<String, String> args) {
    }

    private final Topics topics;
    private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();
    private final RequestLog answered;
    private final CommandOptions options;
    private final Envelopes envelopes;
    private final Clock clock;
    private final JsonFactory json = new JsonFactory();

    Commands(Topics topics, Map<String, CommandHandler> handlers, Envelopes envelopes, Clock clock,
             CommandOptions options) {
        this.topics = topics;
        this.handlers.putAll(handlers);
        this.envelopes = envelopes;
        this.clock = clock;
        this.options = options;
        this.answered = new RequestLog(options.requestLog(), clock);
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
        if (payload.length > options.maxBytes()) {
            LOG.warn("command {} from the cloud dropped unread: {} bytes, more than the limit of {}", name,
                    payload.length, options.maxBytes());
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
            LOG.warn("command {} ignored: requestId '{}' must match {}", name,
                    id == null ? null : JsonText.printable(id), REQUEST_ID);
            return null;
        }
        var earlier = answered.get(id);
        if (earlier.isPresent()) {
            LOG.info("command {} ({}) answered before: its reply is sent again, the command is not run", name, id);
            return again(earlier.get(), id, name);
        }
        String result = null;
        String error = expiryProblem(request.expiresAt());
        CommandHandler handler = handlers.get(name);
        if (error != null) {
            LOG.warn("command {} ({}) from the cloud refused: {}", name, id, error);
        } else if (request.version() != Envelopes.VERSION) {
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
        LOG.info("command {} ({}) from the cloud: {}", name, id, error == null ? "ok" : error);
        var reply = new Reply(topics.reply(id),
                envelopes.reply(topics.gatewayId(), id, name, clock.instant(), result, error));
        if (error == null) { // a failed request may succeed when sent again (a handler that was not there yet)
            answered.put(id, Instant.parse(request.expiresAt()), reply.topic(), reply.payload());
        }
        return reply;
    }

    /** Why a command may not run given its expiresAt, or null when it may. */
    private String expiryProblem(String expiresAt) {
        if (expiresAt == null) {
            return "expiresAt is missing: every command says until when it may run";
        }
        Instant expiry;
        try {
            expiry = Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            return "expiresAt '" + JsonText.printable(expiresAt) + "' is not an ISO-8601 instant such as "
                    + "2026-11-21T08:10:00Z";
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiry)) {
            return "expired at " + expiry + " (the gateway's clock says " + now + ")";
        }
        if (expiry.isAfter(now.plus(options.maxLifetime()))) {
            return "expiresAt " + expiry + " is more than " + options.maxLifetime().toSeconds() + " s ahead (the "
                    + "gateway's clock says " + now + ")";
        }
        return null;
    }

    /** The earlier reply; when it was too large to keep, a reply saying the command ran already. */
    private Reply again(RequestLog.Entry entry, String id, String name) {
        if (entry.reply() != null) {
            return new Reply(entry.topic(), entry.reply().getBytes(StandardCharsets.UTF_8));
        }
        return new Reply(entry.topic(), envelopes.reply(topics.gatewayId(), id, name, clock.instant(), null,
                "this request was answered already; its reply was too large to keep"));
    }

    /** True when {@code text} is exactly one well-formed JSON object. */
    boolean isJsonObject(String text) {
        return text != null && JsonText.isValue(json, text, JsonToken.START_OBJECT);
    }

    private Request parse(byte[] payload) throws IOException {
        int version = -1;
        String requestId = null;
        String expiresAt = null;
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
                    case "expiresAt" -> expiresAt = value == JsonToken.VALUE_STRING ? p.getText() : null;
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
        return new Request(version, requestId, expiresAt, args);
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
