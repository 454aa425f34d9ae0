package io.weir.console.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.weir.api.Reading;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;

/**
 * The technician's local API, plain Java so it is tested without a framework or a socket: the same commands the
 * cloud can send (CommandHandler services), every bundle's status (StatusProvider services), the runtime's health
 * and the latest value of every channel with its quality, so a wrong profile or a dead meter shows at once with no
 * internet. Who may ask is settled before ({@link RequestGuard}); every command run here is logged with who asked.
 * <pre>
 * GET  /api/health            bundles and components
 * GET  /api/status            every status part by name
 * GET  /api/readings          latest reading per channel
 * GET  /api/commands          command names
 * POST /api/commands/{name}   body: a JSON object of scalar arguments; answer as on the MQTT reply topic
 * </pre>
 * and the station page's own requests ({@link StationApi}).
 */
final class LocalApi {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

    /** An answer: HTTP status and a JSON body. */
    record Response(int status, String json) {
    }

    private final Map<String, CommandHandler> commands = new ConcurrentHashMap<>();
    private final Map<String, StatusProvider> status = new ConcurrentHashMap<>();
    private final LatestReadings latest;
    private final StationApi station; // null: no station page API
    private final Supplier<HealthReport> health;
    private final JsonFactory json = new JsonFactory();

    LocalApi(Supplier<HealthReport> health) {
        this(health, new LatestReadings(), null);
    }

    LocalApi(Supplier<HealthReport> health, LatestReadings latest, StationApi station) {
        this.health = health;
        this.latest = latest;
        this.station = station;
        // the cloud's built-in command, answered here too so a technician can check the console with it
        commands.put("ping", args -> "{\"pong\":true}");
    }

    boolean addCommand(String name, CommandHandler handler) {
        return commands.putIfAbsent(name, handler) == null;
    }

    void removeCommand(String name, CommandHandler handler) {
        commands.remove(name, handler);
    }

    boolean addStatus(String name, StatusProvider provider) {
        return status.putIfAbsent(name, provider) == null;
    }

    void removeStatus(String name, StatusProvider provider) {
        status.remove(name, provider);
    }

    /** Keeps the newest reading of each channel (by its own timestamp: a late backlog never hides a newer value). */
    void onReadings(List<Reading> readings) {
        latest.onReadings(readings);
    }

    /** @param who who asked, for the log: the token's name and the remote address */
    Response handle(String method, String path, String who, byte[] body) {
        return handle(method, path, who, body, "");
    }

    /**
     * @param who    who asked, for the log: the token's name and the remote address
     * @param client the address the request came from (recorded with an on-site acknowledgement)
     */
    Response handle(String method, String path, String who, byte[] body, String client) {
        try {
            if (station != null && station.handles(path)) {
                return station.handle(method, path, body, client);
            }
            if (path.startsWith("/api/commands/")) {
                if (!"POST".equals(method)) {
                    return error(405, "use POST to run a command");
                }
                return run(path.substring("/api/commands/".length()), body, who);
            }
            if (!"GET".equals(method)) {
                return error(405, method + " is not allowed on " + path);
            }
            return switch (path) {
                case "/api/health" -> new Response(200, health());
                case "/api/status" -> new Response(200, statusJson());
                case "/api/readings" -> new Response(200, readings());
                case "/api/commands" -> new Response(200, write(g -> {
                    g.writeArrayFieldStart("commands");
                    for (String name : new TreeMap<>(commands).keySet()) {
                        g.writeString(name);
                    }
                    g.writeEndArray();
                }));
                default -> error(404, "no such resource: " + path);
            };
        } catch (RuntimeException e) {
            LOG.warn("local API {} {} failed", method, path, e);
            return error(500, "failed: " + e.getMessage());
        }
    }

    private Response run(String name, byte[] body, String who) {
        CommandHandler handler = commands.get(name);
        if (handler == null) {
            return error(404, "unknown command '" + name + "'; known: " + String.join(", ", new TreeMap<>(commands).keySet()));
        }
        Map<String, String> args;
        try {
            args = arguments(body);
        } catch (IOException e) {
            LOG.info("local command {} asked by {}: bad body", name, who);
            return error(400, "the body must be a JSON object of scalar arguments: " + e.getMessage());
        }
        try {
            LOG.info("local command {} {} asked by {}", name, args.keySet(), who);
            String result = handler.handle(args);
            if (result == null || !isJson(result)) {
                return error(500, "command " + name + " returned no JSON object");
            }
            LOG.info("local command {} asked by {}: ok", name, who);
            return new Response(200, write(g -> {
                g.writeStringField("command", name);
                g.writeBooleanField("ok", true);
                g.writeFieldName("result");
                g.writeRawValue(result);
            }));
        } catch (IllegalArgumentException e) {
            LOG.info("local command {} asked by {}: bad request: {}", name, who, e.getMessage());
            return error(400, "bad request: " + e.getMessage());
        } catch (Exception e) {
            LOG.info("local command {} asked by {} failed: {}", name, who, e.getMessage());
            return error(500, "command failed: " + e.getMessage());
        }
    }

    private Map<String, String> arguments(byte[] body) throws IOException {
        var args = new LinkedHashMap<String, String>();
        if (body == null || body.length == 0) {
            return args;
        }
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!p.nextToken().isScalarValue()) {
                    throw new IOException("argument " + field + " is not a scalar");
                }
                args.put(field, p.getText());
            }
        }
        return args;
    }

    private String statusJson() {
        return write(g -> {
            for (var e : new TreeMap<>(status).entrySet()) {
                g.writeFieldName(e.getKey());
                String value;
                try {
                    value = e.getValue().statusJson();
                } catch (RuntimeException failure) {
                    value = null;
                }
                if (value != null && isJson(value)) {
                    g.writeRawValue(value);
                } else {
                    g.writeStartObject();
                    g.writeStringField("error", "status unavailable");
                    g.writeEndObject();
                }
            }
        });
    }

    private String health() {
        return healthJson(health.get());
    }

    /** The health as {@code /api/health} shows it. */
    static String healthJson(HealthReport report) {
        return healthJson(report, Optional.empty(), Optional.empty());
    }

    /**
     * The health as the {@code health} part of the state message shows it: with the console's own state, since a
     * console that could not bind its port is reachable by nobody, and where it answers (with port 0 that is known
     * only once bound).
     */
    static String healthJson(HealthReport report, Optional<String> consoleBindError, Optional<String> consoleUrl) {
        return write(new JsonFactory(), g -> {
            g.writeBooleanField("healthy", report.healthy());
            g.writeStringField("summary", report.summary());
            g.writeArrayFieldStart("problems");
            for (String concern : report.concerns()) {
                g.writeString(concern);
            }
            for (String bundle : report.notActive()) {
                g.writeString("bundle not active: " + bundle);
            }
            for (String component : report.unsatisfied()) {
                g.writeString("component not satisfied: " + component);
            }
            g.writeEndArray();
            g.writeNumberField("bundles", report.bundles());
            g.writeNumberField("components", report.components());
            g.writeNumberField("componentsUp", report.active());
            g.writeObjectFieldStart("console");
            g.writeBooleanField("listening", consoleBindError.isEmpty());
            if (consoleUrl.isPresent()) {
                g.writeStringField("url", consoleUrl.get());
            }
            if (consoleBindError.isPresent()) {
                g.writeStringField("error", consoleBindError.get());
            }
            g.writeEndObject();
        });
    }

    private String readings() {
        return write(latest::write);
    }

    private boolean isJson(String text) {
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    static Response error(int status, String message) {
        return new Response(status, write(new JsonFactory(), g -> {
            g.writeBooleanField("ok", false);
            g.writeStringField("error", message);
        }));
    }

    /** The fields of one JSON object. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private String write(Body body) {
        return write(json, body);
    }

    /** One JSON object holding what {@code body} writes. */
    static String write(JsonFactory json, Body body) {
        var out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
