package io.weir.console.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

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

import io.weir.api.AlarmAcknowledger;
import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.Site;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;

/**
 * The technician's console in the framework: {@link LocalApi} and the station page behind a {@link ConsoleServer},
 * with the commands and status parts of the whiteboard, and the runtime's health as the {@code health} part of the
 * gateway's state (which also says when the console could not listen). It follows readings and alarm events for
 * the page, and the site's configurations so a removed device leaves the readings.
 */
@Component(configurationPid = LocalConsole.PID, service = {ReadingListener.class, AlarmListener.class,
        StatusProvider.class, ConfigurationListener.class},
        // the page lists the alarms active when the console came up too (it starts last)
        property = {StatusProvider.NAME + "=health", AlarmListener.CURRENT_ALARMS + ":Boolean=true"},
        immediate = true)
@Designate(ocd = LocalConsoleConfig.class)
public final class LocalConsole implements ReadingListener, AlarmListener, StatusProvider, ConfigurationListener {

    static final String PID = "io.weir.console";
    /** Framework (or system) property: the port when the configuration gives none, e.g. 0 for any free one. */
    static final String PORT_PROPERTY = "weir.console.port";
    private static final Logger LOG = LoggerFactory.getLogger(LocalConsole.class);

    private final HealthCheck check;
    private final LocalApi api;
    private final LatestReadings readings = new LatestReadings();
    private final ActiveAlarms alarms = new ActiveAlarms();
    private final SiteDevices devices = new SiteDevices(readings);
    private final ConsoleServer server;
    private volatile AlarmAcknowledger acknowledger;
    private volatile Site site;
    private volatile ConfigurationAdmin configAdmin;

    @Activate
    public LocalConsole(BundleContext context, @Reference ServiceComponentRuntime scr, LocalConsoleConfig config,
                        Map<String, Object> properties) {
        this.check = new HealthCheck(context, scr, new StatusConcerns(config.unansweredPolls()));
        this.api = new LocalApi(check::run, readings, new StationApi(() -> site == null ? null : site.info(), alarms,
                () -> acknowledger, Clock.systemUTC()));
        ConsoleOptions options = ConsoleOptions.of(config, context.getProperty("weir.site.file"))
                .withPort(port(config, properties, context.getProperty(PORT_PROPERTY)));
        this.server = new ConsoleServer(options, api, Clock.systemUTC()).start();
        if (properties.get(Constants.SERVICE_PID) != null && server.port() > 0) {
            // the console a technician should use: the one the site file set (the first runs on defaults meanwhile)
            LOG.info("console settings of the site file in force: station page http://{}:{}/", options.host(),
                    server.port());
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
        return LocalApi.healthJson(check.run(), server.bindError(), server.url());
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
        server.close();
    }
}
