package io.weir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
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

import io.weir.api.AlarmAcknowledger;
import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.Site;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;

/**
 * Serves {@link LocalApi} and the station page ({@link StaticAssets}) over HTTP with the JDK's server (no web
 * container to carry on a Raspberry Pi), and offers the runtime's health as the {@code health} part of the
 * gateway's state. It follows readings and alarm events for the page, and the site's configurations so a removed
 * device leaves the readings.
 */
@Component(configurationPid = LocalConsole.PID, service = {ReadingListener.class, AlarmListener.class,
        StatusProvider.class, ConfigurationListener.class}, property = StatusProvider.NAME + "=health",
        immediate = true)
@Designate(ocd = LocalConsoleConfig.class)
public final class LocalConsole implements ReadingListener, AlarmListener, StatusProvider, ConfigurationListener {

    static final String PID = "io.weir.console";
    /** Framework (or system) property: the port when the configuration gives none, e.g. 0 for any free one. */
    static final String PORT_PROPERTY = "weir.console.port";
    private static final Logger LOG = LoggerFactory.getLogger(LocalConsole.class);
    private static final int MAX_BODY = 64 * 1024;

    private final HealthCheck check;
    private final LocalApi api;
    private final LatestReadings readings = new LatestReadings();
    private final ActiveAlarms alarms = new ActiveAlarms();
    private final SiteDevices devices = new SiteDevices(readings);
    private final HttpServer server; // null when the port could not be bound
    private final ExecutorService workers;
    private volatile AlarmAcknowledger acknowledger;
    private volatile Site site;
    private volatile ConfigurationAdmin configAdmin;

    @Activate
    public LocalConsole(BundleContext context, @Reference ServiceComponentRuntime scr, LocalConsoleConfig config,
                        Map<String, Object> properties) throws IOException {
        this.check = new HealthCheck(context, scr);
        this.api = new LocalApi(check::run, config._token(), readings, new StationApi(
                () -> site == null ? null : site.info(), alarms, () -> acknowledger, Clock.systemUTC()));
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "weir-console-http");
            t.setDaemon(true);
            return t;
        });
        this.server = listen(config.host(), port(config, properties, context.getProperty(PORT_PROPERTY)));
        if (server != null && !server.getAddress().getAddress().isLoopbackAddress() && config._token().isEmpty()) {
            LOG.warn("local console listens on {} with no token: anyone on that network can run commands",
                    server.getAddress());
        }
    }

    /**
     * The configured port; without a configuration, the framework property {@value #PORT_PROPERTY} if set. (The
     * component's properties always hold the defaults; a configuration from ConfigAdmin adds its service.pid.)
     */
    static int port(LocalConsoleConfig config, Map<String, Object> properties, String fallback) {
        boolean configured = properties.get(Constants.SERVICE_PID) != null;
        if (configured || fallback == null || fallback.isBlank()) {
            return config.port();
        }
        try {
            return Integer.parseInt(fallback.strip());
        } catch (NumberFormatException e) {
            LOG.error("{} '{}' is not a port number; using {}", PORT_PROPERTY, fallback, config.port());
            return config.port();
        }
    }

    /**
     * Starts the HTTP server; a port already taken is logged and leaves the gateway running without it, since
     * acquisition, alarms and the uplink must never depend on the console.
     */
    private HttpServer listen(String host, int port) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            LOG.error("local console not started: cannot listen on {}:{} ({}); change io.weir.console port",
                    host, port, e.toString());
            return null;
        }
        http.createContext("/api/", this::serve);
        http.createContext("/", new StaticAssets());
        http.setExecutor(workers);
        http.start();
        LOG.info("local console on http://{}:{}/api/ (station page: http://{}:{}/)", host,
                http.getAddress().getPort(), host, http.getAddress().getPort());
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
                            exchange.getRequestHeaders().getFirst("Authorization"), body,
                            exchange.getRemoteAddress().getAddress().getHostAddress());
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
    public void onReadings(List<Reading> batch) {
        readings.onReadings(batch);
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        alarms.onAlarm(event);
    }

    /** A site configuration changed: a device it no longer names leaves the readings. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            devices.deleted(event.getPid());
        } else if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            ConfigurationAdmin admin = configAdmin;
            if (admin != null) {
                learn(admin, "(" + Constants.SERVICE_PID + "=" + event.getPid() + ")");
            }
        }
    }

    private void learn(ConfigurationAdmin admin, String filter) {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            for (Configuration c : found == null ? new Configuration[0] : found) {
                devices.updated(c.getPid(), c.getFactoryPid(), c.getProperties());
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.debug("cannot read configurations {}: {}", filter, e.toString());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetConfigAdmin")
    void setConfigAdmin(ConfigurationAdmin admin) {
        configAdmin = admin;
        learn(admin, "(weir.site.managed=true)");
    }

    void unsetConfigAdmin(ConfigurationAdmin gone) {
        if (configAdmin == gone) {
            configAdmin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetAcknowledger")
    void setAcknowledger(AlarmAcknowledger rules) {
        acknowledger = rules;
    }

    void unsetAcknowledger(AlarmAcknowledger gone) {
        if (acknowledger == gone) {
            acknowledger = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetSite")
    void setSite(Site configured) {
        site = configured;
    }

    void unsetSite(Site gone) {
        if (site == gone) {
            site = null;
        }
    }

    @Override
    public String statusJson() {
        HealthReport report = check.run();
        return "{\"healthy\":" + report.healthy() + ",\"bundles\":" + report.bundles() + ",\"components\":"
                + report.components() + ",\"componentsUp\":" + report.active() + "}";
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
