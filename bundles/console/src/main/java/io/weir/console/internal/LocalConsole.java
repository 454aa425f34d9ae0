package io.weir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;

/**
 * Serves {@link LocalApi} over HTTP with the JDK's server (no web container to carry on a Raspberry Pi), and
 * offers the runtime's health as the {@code health} part of the gateway's state.
 */
@Component(configurationPid = LocalConsole.PID, service = {ReadingListener.class, StatusProvider.class},
        property = StatusProvider.NAME + "=health", immediate = true)
@Designate(ocd = LocalConsoleConfig.class)
public final class LocalConsole implements ReadingListener, StatusProvider {

    static final String PID = "io.weir.console";
    private static final Logger LOG = LoggerFactory.getLogger(LocalConsole.class);
    private static final int MAX_BODY = 64 * 1024;

    private final HealthCheck check;
    private final LocalApi api;
    private final HttpServer server; // null when the port could not be bound
    private final String url; // where the API answers; null when the port could not be bound
    private final ExecutorService workers;

    @Activate
    public LocalConsole(BundleContext context, @Reference ServiceComponentRuntime scr, LocalConsoleConfig config)
            throws IOException {
        this.check = new HealthCheck(context, scr);
        this.api = new LocalApi(check::run, config._token());
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "weir-console-http");
            t.setDaemon(true);
            return t;
        });
        this.server = listen(config);
        this.url = server == null ? null
                : "http://" + config.host() + ":" + server.getAddress().getPort() + "/api/";
    }

    /**
     * Starts the HTTP server; a port already taken is logged and leaves the gateway running without it, since
     * acquisition, alarms and the uplink must never depend on the console.
     */
    private HttpServer listen(LocalConsoleConfig config) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 16);
        } catch (IOException e) {
            LOG.error("local console not started: cannot listen on {}:{} ({}); change io.weir.console port",
                    config.host(), config.port(), e.toString());
            return null;
        }
        http.createContext("/api/", this::serve);
        http.setExecutor(workers);
        http.start();
        if (!http.getAddress().getAddress().isLoopbackAddress() && config._token().isEmpty()) {
            LOG.warn("local console listens on {} with no token: anyone on that network can run commands",
                    http.getAddress());
        }
        LOG.info("local console on http://{}:{}/api/", config.host(), http.getAddress().getPort());
        return http;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            LocalApi.Response response = body.length > MAX_BODY
                    ? new LocalApi.Response(413, "{\"ok\":false,\"error\":\"request body over 64 KiB\"}")
                    : api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Authorization"), body);
            byte[] bytes = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void onReadings(List<Reading> readings) {
        api.onReadings(readings);
    }

    @Override
    public String statusJson() {
        HealthReport report = check.run();
        // the console's address too: with port 0 it is known only once bound
        return "{\"healthy\":" + report.healthy() + ",\"bundles\":" + report.bundles() + ",\"components\":"
                + report.components() + ",\"componentsUp\":" + report.active()
                + (url == null ? "" : ",\"console\":\"" + url + "\"") + "}";
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeCommand")
    void addCommand(CommandHandler handler, Map<String, Object> properties) {
        if (properties.get(CommandHandler.NAME) instanceof String name && !api.addCommand(name, handler)) {
            LOG.warn("command {} is already taken; the second handler is ignored", name);
        }
    }

    void removeCommand(CommandHandler handler, Map<String, Object> properties) {
        if (properties.get(CommandHandler.NAME) instanceof String name) {
            api.removeCommand(name, handler);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeStatus")
    void addStatus(StatusProvider provider, Map<String, Object> properties) {
        if (provider != this && properties.get(StatusProvider.NAME) instanceof String name) {
            api.addStatus(name, provider);
        }
    }

    void removeStatus(StatusProvider provider, Map<String, Object> properties) {
        if (properties.get(StatusProvider.NAME) instanceof String name) {
            api.removeStatus(name, provider);
        }
    }

    @Deactivate
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        workers.shutdownNow();
    }
}
