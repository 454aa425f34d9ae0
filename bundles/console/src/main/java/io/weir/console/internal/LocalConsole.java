package io.weir.console.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

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

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;

/**
 * The technician's console in the framework: {@link LocalApi} behind a {@link ConsoleServer}, with the commands and
 * status parts of the whiteboard, and the runtime's health as the {@code health} part of the gateway's state (which
 * also says when the console could not listen).
 */
@Component(configurationPid = LocalConsole.PID, service = {ReadingListener.class, StatusProvider.class},
        property = StatusProvider.NAME + "=health", immediate = true)
@Designate(ocd = LocalConsoleConfig.class)
public final class LocalConsole implements ReadingListener, StatusProvider {

    static final String PID = "io.weir.console";
    private static final Logger LOG = LoggerFactory.getLogger(LocalConsole.class);

    private final HealthCheck check;
    private final LocalApi api;
    private final ConsoleServer server;

    @Activate
    public LocalConsole(BundleContext context, @Reference ServiceComponentRuntime scr, LocalConsoleConfig config) {
        this.check = new HealthCheck(context, scr, new StatusConcerns(config.unansweredPolls()));
        this.api = new LocalApi(check::run);
        this.server = new ConsoleServer(ConsoleOptions.of(config, context.getProperty("weir.site.file")), api,
                Clock.systemUTC()).start();
    }

    @Override
    public void onReadings(List<Reading> readings) {
        api.onReadings(readings);
    }

    @Override
    public String statusJson() {
        return LocalApi.healthJson(check.run(), server.bindError());
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
