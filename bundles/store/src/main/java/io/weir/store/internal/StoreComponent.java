package io.weir.store.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
import io.weir.api.command.StatusProvider;
import io.weir.api.store.MessageClass;
import io.weir.api.store.MessageStore;
import io.weir.api.store.NotStoredException;
import io.weir.api.store.StoreStats;
import io.weir.api.store.StoredMessage;

/**
 * Receives readings, alarm events and gateway events from the whiteboard and keeps them until the uplink has them
 * confirmed. Every append returns only when durable; what is not durable is said with a
 * {@link NotStoredException}, and alarm and gateway events the store could not write wait in memory and are
 * retried, in order, until they are. The {@code store} status part shows backlog, caps and room.
 */
@Component(configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {MessageStore.class, ReadingListener.class, AlarmListener.class, GatewayEventListener.class,
                StatusProvider.class},
        // only readings reported upstream are kept: what a deadband suppresses reaches the rules, not the uplink
        property = {StatusProvider.NAME + "=store", ReadingListener.READINGS + "=" + ReadingListener.REPORTED})
@Designate(ocd = StoreConfig.class)
public final class StoreComponent implements MessageStore, ReadingListener, AlarmListener, GatewayEventListener,
        StatusProvider {

    static final String PID = "io.weir.store";
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);
    /** How often records waiting in memory are tried again, and the status part is refreshed. */
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    private final SqliteOutbox outbox;
    private final RecordCodec codec = new RecordCodec();
    private final StoreStatusJson statusJson = new StoreStatusJson();
    private final PendingRecords pending;
    private final RepeatedFailures refusedReadings =
            new RepeatedFailures(LOG, "storing readings", System::nanoTime, Duration.ofMinutes(10));
    private final ScheduledExecutorService scheduler;
    private volatile String status = "{}";

    /** Only to name the site in the store's own FAULT alarms; the store works without it. */
    private volatile Site site;

    @Activate
    public StoreComponent(BundleContext context, StoreConfig config) throws SQLException {
        this(resolve(config.path(), context.getProperty("weir.data.dir")), StoreOptions.of(config),
                Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "weir-store");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** A store on {@code file}, outside a framework (tests, benchmarks); {@link #deactivate} closes it. */
    public StoreComponent(Path file, StoreOptions options, Clock clock, ScheduledExecutorService scheduler)
            throws SQLException {
        this.outbox = SqliteOutbox.open(file, options, clock, this::capacityAlarm);
        this.pending = new PendingRecords(outbox::append);
        this.scheduler = scheduler;
        StoreReport report = outbox.report();
        StoreStats stats = report.stats();
        LOG.info("store open at {} ({}; file cap in force {} bytes, {} bytes free on its file system): {} alarms, "
                + "{} events and {} readings waiting, {} messages in flight, last seq {}, {} readings evicted so "
                + "far", file.toAbsolutePath(), options, report.fileCap(), report.diskFreeBytes(),
                stats.storedAlarms(), stats.storedEvents(), stats.storedTelemetry(), stats.inFlightMessages(),
                stats.lastSeq(), stats.evictedTelemetry());
        status = statusJson.write(report, 0);
        scheduler.scheduleWithFixedDelay(this::retryPending, RETRY_EVERY.toMillis(), RETRY_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::refreshStatus, STATUS_EVERY.toMillis(), STATUS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindSite")
    public void bindSite(Site site) {
        this.site = site;
    }

    public void unbindSite(Site site) {
        if (this.site == site) {
            this.site = null;
        }
    }

    /** The store's own FAULT alarms, named after the site once it is known. */
    private String capacityAlarm(CapacityAlarms.Kind kind, boolean raised, long occurrence, long value,
                                 long threshold, Instant ts) {
        Site current = site;
        if (current == null) {
            return null; // no site known yet: the store logs the condition only
        }
        String gatewayId = current.info().gatewayId();
        return codec.alarm(new AlarmEvent(gatewayId + ":" + kind.ruleId + ":" + occurrence, kind.ruleId,
                List.of(), AlarmLevel.FAULT, raised ? AlarmTransition.RAISED : AlarmTransition.CLEARED,
                (double) value, (double) threshold, null, raised ? 1 : 2, ts, current.info(), kind.reason));
    }

    static Path resolve(String configured, String dataDir) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "store.db");
    }

    /** @throws NotStoredException when the readings are not durable; nothing of the batch is stored then */
    @Override
    public void onReadings(List<Reading> readings) {
        List<String> bodies = codec.readings(readings);
        try {
            outbox.append(MessageClass.TELEMETRY, bodies);
        } catch (StoreException e) {
            refusedReadings.failed(e.getMessage());
            throw new NotStoredException(readings.size() + " reading(s) not stored: " + e.getMessage(), false);
        }
        refusedReadings.succeeded();
    }

    /** @throws NotStoredException when the event waits in memory to be written */
    @Override
    public void onAlarm(AlarmEvent event) {
        pending.append(MessageClass.ALARM, codec.alarm(event),
                event.transition() + " " + event.level() + " of alarm " + event.alarmId());
    }

    /** @throws NotStoredException when the event waits in memory to be written */
    @Override
    public void onEvent(GatewayEvent event) {
        pending.append(MessageClass.EVENT, codec.event(event), "event " + event.type() + " of " + event.source());
    }

    private void retryPending() {
        try {
            pending.flush();
        } catch (RuntimeException e) {
            LOG.debug("retrying held records: {}", e.toString());
        }
    }

    private void refreshStatus() {
        try {
            status = statusJson.write(outbox.report(), pending.size());
        } catch (RuntimeException e) {
            LOG.debug("store status not refreshed: {}", e.toString());
        }
    }

    /** As of the last refresh (every few seconds): never waits for the store's writer. */
    @Override
    public String statusJson() {
        return status;
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
    public void confirm(Collection<Long> seqs) {
        outbox.confirm(seqs);
    }

    @Override
    public void release(long seq) {
        outbox.release(seq);
    }

    @Override
    public StoreStats stats() {
        return outbox.stats();
    }

    @Override
    public Subscription onAppended(Consumer<MessageClass> listener) {
        return outbox.onAppended(listener);
    }

    @Deactivate
    public void deactivate() throws SQLException {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending.flush() > 0) {
            // Nowhere else to keep them: the journal at least has what was lost.
            LOG.error("store stopping with {} alarm and event records it could not write, lost: {}", pending.size(),
                    pending.waiting());
        }
        outbox.close();
    }
}
