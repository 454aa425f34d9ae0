package io.weir.store.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmListener;
import io.weir.api.AlarmTransition;
import io.weir.api.GatewayEvent;
import io.weir.api.GatewayEventListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.Site;
import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

/**
 * Receives readings, alarm events and gateway events from the whiteboard and keeps them until the uplink has them
 * confirmed. Every append returns only when durable.
 */
@Component(configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {MessageStore.class, ReadingListener.class, AlarmListener.class, GatewayEventListener.class})
@Designate(ocd = StoreConfig.class)
public final class StoreComponent implements MessageStore, ReadingListener, AlarmListener, GatewayEventListener {

    static final String PID = "io.weir.store";
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final SqliteOutbox outbox;
    private final RecordCodec codec = new RecordCodec();

    /** Only to name the site in the store's own FAULT alarms; the store works without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Site site;

    @Activate
    public StoreComponent(BundleContext context, StoreConfig config) throws SQLException {
        Path file = resolve(config.path(), context.getProperty("weir.data.dir"));
        StoreOptions options = StoreOptions.of(config);
        this.outbox = SqliteOutbox.open(file, options, Clock.systemUTC(), this::capacityAlarm);
        StoreStats stats = outbox.stats();
        LOG.info("store open at {} ({}): {} alarms, {} events and {} readings waiting, {} messages in flight, "
                + "last seq {}, {} readings evicted so far", file.toAbsolutePath(), options, stats.storedAlarms(),
                stats.storedEvents(), stats.storedTelemetry(), stats.inFlightMessages(), stats.lastSeq(),
                stats.evictedTelemetry());
    }

    /** The FAULT alarm of rule store.alarm-capacity, raised when the alarm cap is reached and cleared below 90%. */
    private String capacityAlarm(boolean raised, long occurrence, long used, long cap, Instant ts) {
        Site current = site;
        if (current == null) {
            return null; // no site known yet: the store logs the condition only
        }
        String gatewayId = current.info().gatewayId();
        return codec.alarm(new AlarmEvent(gatewayId + ":store.alarm-capacity:" + occurrence, "store.alarm-capacity",
                List.of(), AlarmLevel.FAULT, raised ? AlarmTransition.RAISED : AlarmTransition.CLEARED,
                (double) used, (double) cap, null, raised ? 1 : 2, ts, current.info()));
    }

    static Path resolve(String configured, String dataDir) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "store.db");
    }

    @Override
    public void onReadings(List<Reading> readings) {
        var bodies = new ArrayList<String>(readings.size());
        for (Reading r : readings) {
            bodies.add(codec.reading(r));
        }
        outbox.append(MessageClass.TELEMETRY, bodies);
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        outbox.append(MessageClass.ALARM, List.of(codec.alarm(event)));
    }

    @Override
    public void onEvent(GatewayEvent event) {
        outbox.append(MessageClass.EVENT, List.of(codec.event(event)));
    }

    @Override
    public Optional<StoredMessage> take(int maxRecords) {
        return outbox.take(maxRecords);
    }

    @Override
    public Optional<StoredMessage> take(int maxRecords, int maxRecordBytes) {
        return outbox.take(maxRecords, maxRecordBytes);
    }

    @Override
    public void confirm(long seq) {
        outbox.confirm(seq);
    }

    @Override
    public void release(long seq) {
        outbox.release(seq);
    }

    @Override
    public StoreStats stats() {
        return outbox.stats();
    }

    @Deactivate
    void deactivate() throws SQLException {
        outbox.close();
    }
}
