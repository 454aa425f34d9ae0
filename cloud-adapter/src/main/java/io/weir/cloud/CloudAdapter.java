package io.weir.cloud;

import io.weir.cloud.deploy.Deployments;
import io.weir.cloud.deploy.FleetInventory;
import io.weir.cloud.gateways.GatewayRegistry;
import io.weir.cloud.internal.cases.OutboxWorker;
import io.weir.cloud.internal.deploy.DeployWorker;
import io.weir.cloud.internal.store.CaseFollowUpTable;
import io.weir.cloud.internal.http.OpsServer;
import io.weir.cloud.internal.observe.Housekeeping;
import java.net.URI;
import io.weir.cloud.internal.ingest.IngestCounters;
import io.weir.cloud.internal.ingest.MqttIngest;
import io.weir.cloud.internal.store.CaseOutboxTable;
import io.weir.cloud.internal.store.Database;
import io.weir.cloud.query.CaseDeliveryStatus;
import io.weir.cloud.query.CloudQueries;
import io.weir.cloud.sign.RequestSigner;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running cloud adapter: MQTT ingest into the database, and the case outbox sent to the county platform.
 * {@link #start(CloudAdapterConfig)} returns once the database is migrated and the subscriptions are granted.
 */
public final class CloudAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudAdapter.class);

    private final Database database;
    private final MqttIngest ingest;
    private final OutboxWorker outbox;
    private final ScheduledExecutorService scheduler;
    private final IngestCounters counters;
    private final CloudQueries queries;
    private final CaseOutboxTable outboxTable;
    private final OpsServer ops;
    private final CaseFollowUpTable followUps;
    private final DeployWorker deployWorker;
    private final ScheduledExecutorService deployScheduler;
    private final Deployments deployments;
    private final FleetInventory inventory;
    private final GatewayRegistry gateways;
    private final Housekeeping housekeeping;
    private volatile boolean closed;

    CloudAdapter(Database database, MqttIngest ingest, OutboxWorker outbox, ScheduledExecutorService scheduler,
                 IngestCounters counters, CloudQueries queries, CaseOutboxTable outboxTable,
                 CaseFollowUpTable followUps, OpsServer ops, DeployWorker deployWorker,
                 ScheduledExecutorService deployScheduler, Deployments deployments, FleetInventory inventory,
                 GatewayRegistry gateways, Housekeeping housekeeping) {
        this.inventory = inventory;
        this.gateways = gateways;
        this.housekeeping = housekeeping;
        this.ops = ops;
        this.followUps = followUps;
        this.deployWorker = deployWorker;
        this.deployScheduler = deployScheduler;
        this.deployments = deployments;
        this.database = database;
        this.ingest = ingest;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.counters = counters;
        this.queries = queries;
        this.outboxTable = outboxTable;
    }

    /** Starts with the default signer: appKey + timestamp + nonce + HMAC-SHA256 over the configured secret. */
    public static CloudAdapter start(CloudAdapterConfig config) {
        Clock clock = Clock.systemUTC();
        return start(config, config.signatureScheme().signer(config.appKey(), config.appSecret(), clock), clock);
    }

    /** Starts with another county-platform signer. */
    public static CloudAdapter start(CloudAdapterConfig config, RequestSigner signer) {
        return start(config, signer, Clock.systemUTC());
    }

    private static CloudAdapter start(CloudAdapterConfig config, RequestSigner signer, Clock clock) {
        LOG.info("Starting cloud adapter: {}", config);
        CloudAdapter adapter;
        try {
            adapter = new Wiring(config, signer, clock).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cloud adapter did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cloud adapter did not start: cannot open the database "
                    + config.redactedJdbcUrl() + ": " + e.getMessage(), e);
        }
        try {
            adapter.outbox.start();
            adapter.ingest.start();
            adapter.deployWorker.start();
            adapter.housekeeping.start();
            if (adapter.ops != null) {
                adapter.ops.start();
            }
        } catch (Exception e) {
            adapter.close();
            throw new IllegalStateException("cloud adapter did not start: MQTT broker " + config.brokerUrl() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Cloud adapter running");
        return adapter;
    }

    public CloudAdapterStats stats() {
        Map<CaseDeliveryStatus, Long> cases = database.transactor().read(outboxTable::counts);
        Map<String, Long> steps = database.transactor().read(followUps::counts);
        return new CloudAdapterStats(counters.stored(), counters.duplicates(), counters.rejected(),
                counters.storeFailures(),
                cases.get(CaseDeliveryStatus.SENT), cases.get(CaseDeliveryStatus.PENDING),
                cases.get(CaseDeliveryStatus.FAILED), steps.get("PENDING"), steps.get("FAILED"), counters.quarantined());
    }

    /** Deployment operations: packages, groups, rollouts and every gateway's progress. */
    public Deployments deployments() {
        return deployments;
    }

    /** What each gateway reports it runs, and where that drifted from what was deployed. */
    public FleetInventory inventory() {
        return inventory;
    }

    /** The gateways whose messages are ingested, and the unknown ones whose messages were quarantined. */
    public GatewayRegistry gateways() {
        return gateways;
    }

    /** What the adapter stored: gateways, readings, alarms, case requests, rejected messages. */
    public CloudQueries queries() {
        return queries;
    }

    /**
     * Where the operations view ({@code /}, {@code /api/v1/ops/...}) and the county webhook
     * ({@value OpsServer#WEBHOOK}) answer; null when the HTTP server is off.
     */
    public URI httpUri() {
        return ops == null ? null : ops.uri();
    }

    /** The county webhook's address, to register with the platform; null when the HTTP server is off. */
    public URI webhookUri() {
        return ops == null ? null : ops.uri().resolve(OpsServer.WEBHOOK);
    }

    /** True while the MQTT connection is up (it reconnects by itself when lost). */
    public boolean isConnected() {
        return ingest.isConnected();
    }

    /** The MQTT topic filters in use. */
    public String[] topicFilters() {
        return ingest.topicFilters();
    }

    /**
     * Stops cleanly: disconnects from the broker once the message in progress is committed and acknowledged (the
     * broker keeps the session for the next start), lets a case request in flight finish, closes the database.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ops != null) {
            ops.close();
        }
        deployWorker.stop();
        housekeeping.close();
        deployScheduler.shutdown();
        ingest.close();
        outbox.stop();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Case outbox worker did not stop within 30 s");
                scheduler.shutdownNow();
            }
            if (!deployScheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Deployment worker did not stop within 30 s");
                deployScheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            deployScheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        database.close();
        LOG.info("Cloud adapter stopped");
    }
}
