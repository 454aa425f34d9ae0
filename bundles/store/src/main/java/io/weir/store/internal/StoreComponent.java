package io.weir.store.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

/**
 * Receives readings and alarm events from the whiteboard and keeps them until the uplink has them confirmed.
 * Both appends return only when durable.
 */
@Component(configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {MessageStore.class, ReadingListener.class, AlarmListener.class})
@Designate(ocd = StoreConfig.class)
public final class StoreComponent implements MessageStore, ReadingListener, AlarmListener {

    static final String PID = "io.weir.store";
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final SqliteOutbox outbox;
    private final RecordCodec codec = new RecordCodec();

    @Activate
    public StoreComponent(BundleContext context, StoreConfig config) throws SQLException {
        Path file = resolve(config.path(), context.getProperty("weir.data.dir"));
        this.outbox = SqliteOutbox.open(file);
        StoreStats stats = outbox.stats();
        LOG.info("store open at {}: {} alarms and {} readings waiting, {} messages in flight, last seq {}",
                file.toAbsolutePath(), stats.storedAlarms(), stats.storedTelemetry(), stats.inFlightMessages(),
                stats.lastSeq());
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
    public Optional<StoredMessage> take(int maxRecords) {
        return outbox.take(maxRecords);
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
