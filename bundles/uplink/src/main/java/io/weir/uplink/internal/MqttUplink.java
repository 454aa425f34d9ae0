package io.weir.uplink.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Acknowledgement;
import io.weir.api.AlarmAcknowledger;
import io.weir.api.Site;
import io.weir.api.SiteInfo;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;
import io.weir.api.store.MessageStore;

/**
 * Publishes the store's messages to the cloud broker and keeps the gateway's state topic current. Commands from
 * the cloud go to the CommandHandler services by name; the StatusProvider services fill the state message.
 */
@Component(configurationPid = MqttUplink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = StatusProvider.class, property = StatusProvider.NAME + "=uplink", immediate = true)
@Designate(ocd = UplinkConfig.class)
public final class MqttUplink implements MqttConnection.Listener, StatusProvider {

    static final String PID = "io.weir.uplink";
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    /** The name Declarative Services knows this component by (its class name, the default). */
    private static final String COMPONENT = MqttUplink.class.getName();
    // long enough for the "shutdown" state to reach the broker on a loaded Pi; CleanStop gives the whole framework 30 s
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(8);

    private final Clock clock;
    private final Envelopes envelopes;
    private final SiteInfo site;
    private final Map<String, String> runtime;
    private final UplinkOptions options;
    private final ScheduledExecutorService scheduler;
    private final MqttConnection connection;
    private final Drainer drainer;
    private final MessageStore.Subscription appends;
    private final Commands commands;
    private final StatusBoard status = new StatusBoard();
    private final UplinkStatus link = new UplinkStatus();
    private final ExecutorService commandRunner;
    private volatile AlarmAcknowledger acknowledger;
    private final Thread drainThread;
    private final PublishWatch published;
    /** The command handlers and status parts of the gateway (OSGi only; tests add their own). */
    private volatile List<ServiceWatch<?>> watches = List.of();

    @Activate
    public MqttUplink(BundleContext context, @Reference Site site, @Reference MessageStore store, UplinkConfig config)
            throws MqttException, IOException, GeneralSecurityException {
        this(site.info(), store, UplinkOptions.of(config), runtimeVersions(context), Clock.systemUTC(),
                CommandOptions.of(config, context.getProperty("weir.data.dir")));
        // after the connect has started (above): the components these get activate while it is under way
        this.watches = List.of(
                new ServiceWatch<>(context, CommandHandler.class, COMPONENT, this::addCommand, this::removeCommand)
                        .open(),
                new ServiceWatch<>(context, StatusProvider.class, COMPONENT, this::addStatus, this::removeStatus)
                        .open());
    }

    MqttUplink(SiteInfo site, MessageStore store, UplinkOptions options, Map<String, String> runtime, Clock clock)
            throws MqttException, IOException, GeneralSecurityException {
        this(site, store, options, runtime, clock, CommandOptions.IN_MEMORY);
    }

    MqttUplink(SiteInfo site, MessageStore store, UplinkOptions options, Map<String, String> runtime, Clock clock,
               CommandOptions commandOptions) throws MqttException, IOException, GeneralSecurityException {
        this.site = site;
        this.runtime = runtime;
        this.options = options;
        this.clock = clock;
        this.envelopes = new Envelopes(options.telemetryEncoding());
        Topics topics = new Topics(site.gatewayId());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "weir-uplink-connect"));
        this.commandRunner = Executors.newSingleThreadExecutor(r -> daemon(r, "weir-uplink-commands"));
        this.connection = new MqttConnection(options, topics,
                envelopes.offline(site.gatewayId(), "connection-lost", null), this, scheduler, commandRunner,
                commandOptions.maxPacketBytes());
        var handlers = new HashMap<>(Commands.builtIn());
        handlers.put("alarm-ack", this::acknowledgeAlarm);
        this.commands = new Commands(topics, handlers, envelopes, clock, commandOptions);
        this.published = new PublishWatch(connection, clock);
        this.drainer = new Drainer(store, published, envelopes, topics, clock, options.maxInFlight(),
                options.maxRecordsPerMessage(), options.maxRecordBytes(),
                new RateLimit(options.maxMessagesPerSecond(), System::nanoTime));
        this.appends = store.onAppended(drainer::appended);
        this.drainThread = daemon(drainer, "weir-uplink-drain");
        LOG.info("uplink for {} starting: {}", site.gatewayId(), options);
        drainThread.start();
        connection.start();
        long refresh = options.stateRefresh().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshState, refresh, refresh, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static Map<String, String> runtimeVersions(BundleContext context) {
        var versions = new LinkedHashMap<String, String>();
        versions.put("weir", context.getBundle().getVersion().toString());
        Bundle framework = context.getBundle(0);
        versions.put("framework", framework.getSymbolicName() + " " + framework.getVersion());
        return versions;
    }

    @Override
    public byte[] connected() {
        link.connected();
        drainer.connected();
        return state();
    }

    private byte[] state() {
        return envelopes.birth(site, clock.instant(), runtime, options.profiles(), status.snapshot());
    }

    /** Publishes the state again, so the status parts (diagnostics, deployments) stay current at the cloud. */
    void refreshState() {
        try {
            connection.publishState(state());
        } catch (RuntimeException e) {
            LOG.warn("state refresh failed: {}", e.toString());
        }
    }

    @Override
    public void lost() {
        link.lost();
        drainer.connectionLost();
    }

    /**
     * The {@code uplink} part of the state: connected or not, how often the connection was made and lost, and when
     * the broker last took a message.
     */
    @Override
    public String statusJson() {
        return published.statusJson(options.brokerUrl(), link);
    }

    /**
     * cmd/alarm-ack: the county platform has taken the alarm's case; the rules record the acknowledgement, which
     * releases latched outputs such as a siren.
     */
    private String acknowledgeAlarm(Map<String, String> args) {
        String alarmId = args.get("alarmId");
        if (alarmId == null || alarmId.isBlank()) {
            throw new IllegalArgumentException("alarmId is missing");
        }
        AlarmAcknowledger rules = acknowledger;
        if (rules == null) {
            throw new IllegalStateException("no alarm acknowledger: the rules are not running");
        }
        String from = "case " + args.getOrDefault("caseId", "?") + " " + args.getOrDefault("status", "");
        return "{\"accepted\":" + rules.acknowledge(alarmId, new Acknowledgement("county-case", from.strip(), false))
                + "}";
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetAcknowledger")
    void setAcknowledger(AlarmAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    void unsetAcknowledger(AlarmAcknowledger gone) {
        if (acknowledger == gone) {
            acknowledger = null;
        }
    }

    void addCommand(CommandHandler handler, Map<String, Object> properties) {
        String name = commandName(properties);
        if (name == null) {
            LOG.warn("a CommandHandler without a valid {} property is ignored: {}", CommandHandler.NAME, properties);
        } else if (!commands.register(name, handler)) {
            LOG.warn("command {} is already taken; the second handler is ignored", name);
        }
    }

    void removeCommand(CommandHandler handler, Map<String, Object> properties) {
        String name = commandName(properties);
        if (name != null) {
            commands.unregister(name, handler);
        }
    }

    void addStatus(StatusProvider provider, Map<String, Object> properties) {
        Object name = properties.get(StatusProvider.NAME);
        if (!(name instanceof String n) || n.isBlank()) {
            LOG.warn("a StatusProvider without a {} property is ignored: {}", StatusProvider.NAME, properties);
        } else if (!status.add(n, provider)) {
            LOG.warn("status part {} is already taken; the second provider is ignored", n);
        }
    }

    void removeStatus(StatusProvider provider, Map<String, Object> properties) {
        if (properties.get(StatusProvider.NAME) instanceof String n) {
            status.remove(n, provider);
        }
    }

    private static String commandName(Map<String, Object> properties) {
        Object name = properties.get(CommandHandler.NAME);
        return name instanceof String n && n.matches("[a-z0-9][a-z0-9-]{0,63}") ? n : null;
    }

    @Override
    public Commands.Reply command(String topic, byte[] payload) {
        return commands.handle(topic, payload);
    }

    /** Messages published and not yet acknowledged. */
    int inFlight() {
        return drainer.inFlight();
    }

    boolean isConnected() {
        return connection.isConnected();
    }

    @Deactivate
    public void stop() {
        appends.close();
        drainer.stop();
        try {
            drainThread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.stop(envelopes.offline(site.gatewayId(), "shutdown", clock.instant()), STOP_TIMEOUT);
        drainer.connectionLost(); // whatever was still unacknowledged goes back to the store
        drainer.confirmRemaining(); // PUBACKs that came after the drain thread ended
        scheduler.shutdownNow();
        commandRunner.shutdownNow();
        watches.forEach(ServiceWatch::close);
    }
}
