package io.weir.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.internal.cases.Backoff;
import io.weir.cloud.internal.deploy.DeployReports;
import io.weir.cloud.internal.deploy.DeployWorker;
import io.weir.cloud.internal.deploy.DeploymentService;
import io.weir.cloud.internal.deploy.GatewayEventTable;
import io.weir.cloud.internal.deploy.InventoryService;
import io.weir.cloud.internal.store.LatestReadingTable;
import io.weir.cloud.internal.cases.CircuitBreaker;
import io.weir.cloud.internal.commands.CommandSender;
import io.weir.cloud.internal.deploy.PackageSigners;
import io.weir.cloud.internal.gateways.GatewayRegistryService;
import io.weir.cloud.internal.gateways.RegistryTables;
import io.weir.cloud.internal.http.CaseStatusWebhook;
import io.weir.cloud.internal.http.OpsServer;
import io.weir.cloud.internal.ingest.Gatekeeper;
import io.weir.cloud.internal.ingest.PemTls;
import io.weir.cloud.internal.store.WebhookNonceTable;
import io.weir.cloud.internal.store.CaseFollowUpTable;
import io.weir.cloud.internal.store.CaseStatusTable;
import io.weir.cloud.sign.SignatureVerifier;
import io.weir.cloud.internal.cases.CaseRequestFactory;
import io.weir.cloud.internal.cases.CountyClient;
import io.weir.cloud.internal.cases.OutboxWorker;
import io.weir.cloud.internal.ingest.AlarmRecorder;
import io.weir.cloud.internal.ingest.IngestCounters;
import io.weir.cloud.internal.ingest.IngestService;
import io.weir.cloud.internal.ingest.MessageWriter;
import io.weir.cloud.internal.ingest.MqttIngest;
import io.weir.cloud.internal.protocol.MessageParser;
import io.weir.cloud.internal.store.AlarmEventTable;
import io.weir.cloud.internal.store.AlarmTable;
import io.weir.cloud.internal.store.CaseOutboxTable;
import io.weir.cloud.internal.store.Database;
import io.weir.cloud.internal.store.DeadLetterTable;
import io.weir.cloud.internal.store.GatewayTable;
import io.weir.cloud.internal.store.JdbcQueries;
import io.weir.cloud.internal.store.ReceivedMessageTable;
import io.weir.cloud.internal.store.TelemetryPartitions;
import io.weir.cloud.internal.store.Retention;
import io.weir.cloud.internal.observe.AdapterMetrics;
import io.weir.cloud.internal.observe.Housekeeping;
import io.weir.cloud.internal.observe.Readiness;
import io.weir.cloud.internal.store.TelemetryTable;
import io.weir.cloud.internal.store.Transactor;
import io.weir.cloud.sign.RequestSigner;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the object graph of one adapter from its configuration; the only place that calls constructors. */
final class Wiring {
    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
    /** Months of telemetry partitions kept ready around now: a backlog's past and the next two months. */
    private static final int PARTITION_MONTHS_BEHIND = 3;
    private static final int PARTITION_MONTHS_AHEAD = 2;
    /** Transient county failures in a row that open the circuit breaker, and how long it then stays open. */
    private static final int BREAKER_THRESHOLD = 5;
    private static final java.time.Duration BREAKER_COOL_DOWN = java.time.Duration.ofSeconds(30);

    private final CloudAdapterConfig config;
    private final RequestSigner signer;
    private final Clock clock;

    Wiring(CloudAdapterConfig config, RequestSigner signer, Clock clock) {
        this.config = config;
        this.signer = signer;
        this.clock = clock;
    }

    CloudAdapter build() {
        SecurityOptions security = config.security();
        if (config.httpPort() >= 0 && security.ops().isEmpty()) {
            throw new IllegalArgumentException("the HTTP API needs at least one operator's token (--ops-token, "
                    + "WEIR_OPS_TOKEN or --ops-operators; none is built in), or turn it off with --http-port -1");
        }
        PackageSigners signers = security.trustedSigners() == null ? PackageSigners.none(clock)
                : PackageSigners.fromDirectory(security.trustedSigners(), clock);
        MqttIngest.Access access = mqttAccess(security.mqtt());
        Database database = Database.open(config.jdbcUrl());
        Transactor transactor = database.transactor();
        TelemetryPartitions partitions = new TelemetryPartitions(PARTITION_MONTHS_BEHIND, PARTITION_MONTHS_AHEAD);
        ServiceOptions service = config.service();
        Retention retention = new Retention(transactor, database.isPostgres(), partitions, service.retention(), clock);
        partitions.ensure(transactor, database.isPostgres(), clock.instant(), retention.telemetryKeptFrom());
        ObjectMapper json = new ObjectMapper();
        DeliveryOptions delivery = config.delivery();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "weir-case-outbox");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(delivery.requestTimeout())
                .build();
        if (database.isPostgres()) {
            scheduler.scheduleAtFixedRate(() -> keepPartitions(partitions, database, retention), 1, 1,
                    TimeUnit.DAYS);
        }
        CaseOutboxTable outboxTable = new CaseOutboxTable();
        CountyClient county = new CountyClient(http, config.countyBaseUri(), signer, delivery.requestTimeout(), json);
        CaseFollowUpTable followUps = new CaseFollowUpTable();
        OutboxWorker outbox = new OutboxWorker(transactor, outboxTable, followUps, county,
                new Backoff(delivery.retryBase(), delivery.retryCap(), new SecureRandom()),
                new CircuitBreaker(BREAKER_THRESHOLD, BREAKER_COOL_DOWN, clock), clock, scheduler, delivery);
        AlarmRecorder alarms = new AlarmRecorder(new AlarmEventTable(), new AlarmTable(), outboxTable, followUps,
                new CaseRequestFactory(config.caseMapping()), json);
        MessageWriter writer = new MessageWriter(new ReceivedMessageTable(), new TelemetryTable(), new GatewayTable(),
                alarms, new LatestReadingTable(), new DeployReports(new GatewayEventTable()), json);
        IngestCounters counters = new IngestCounters();
        ScheduledExecutorService deployScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "weir-deploy");
            thread.setDaemon(true);
            return thread;
        });
        MqttIngest[] connection = new MqttIngest[1];
        CommandSender commands = new CommandSender((topic, payload, expiry) ->
                connection[0].publish(topic, payload, expiry), json, clock);
        DeployWorker deployWorker = new DeployWorker(transactor, (gatewayId, command, payload) ->
                commands.send(gatewayId, command, payload, security.commandTtl()), json, clock,
                deployScheduler, config.deploy());
        RegistryTables registryTables = new RegistryTables();
        GatewayRegistryService registry = new GatewayRegistryService(transactor, registryTables, clock);
        for (String gatewayId : security.gateways()) {
            registry.register(gatewayId, null, "config");
        }
        IngestService ingestService = new IngestService(transactor, new MessageParser(), writer,
                new DeadLetterTable(), counters, clock, outbox::wakeUp, deployWorker::wakeUp,
                new Gatekeeper(registryTables, security.mqtt().maxMessageBytes()), registryTables);
        MqttIngest ingest = new MqttIngest(MqttIngest.Options.of(config.brokerUrl(), config.clientId(),
                config.sharedSubscriptionGroup(), access, security.mqtt().maxMessageBytes())
                .withReconnect(service.mqttReconnectMin(), service.mqttReconnectMax()), ingestService);
        connection[0] = ingest;
        DeploymentService deployments = new DeploymentService(transactor, clock, config.deploy().jobTimeout(),
                deployWorker::wakeUp, signers, registryTables);
        InventoryService inventory = new InventoryService(transactor, deployments);
        OpsServer ops = config.httpPort() < 0 ? null : new OpsServer(config.httpHost(), config.httpPort(), transactor,
                new CaseStatusWebhook(transactor, new CaseStatusTable(), new SignatureVerifier(config.appKey(),
                        config.appSecret(), config.signatureScheme(), clock, new WebhookNonceTable(transactor, clock)),
                        commands, json, clock, security.ackTtl()),
                deployments, inventory, registry, security.ops(), json);
        Housekeeping housekeeping = new Housekeeping(retention);
        if (ops != null) {
            AdapterMetrics metrics = new AdapterMetrics(transactor, counters, ingest, outbox, retention,
                    ops::webhooksRejected, service.mqttReconnectMax());
            ops.probes(new Readiness(transactor, ingest, outbox, delivery.pollInterval(), clock), metrics::scrape,
                    service.metricsTokenSha256());
        }
        return new CloudAdapter(database, ingest, outbox, scheduler, counters, new JdbcQueries(transactor),
                outboxTable, followUps, ops, deployWorker, deployScheduler, deployments, inventory, registry,
                housekeeping);
    }

    private static MqttIngest.Access mqttAccess(MqttOptions mqtt) {
        return new MqttIngest.Access(mqtt.username(), mqtt.password(), mqtt.customTls()
                ? PemTls.socketFactory(mqtt.caFile(), mqtt.certFile(), mqtt.keyFile()) : null);
    }

    private void keepPartitions(TelemetryPartitions partitions, Database database, Retention retention) {
        try {
            partitions.ensure(database.transactor(), true, clock.instant(), retention.telemetryKeptFrom());
        } catch (RuntimeException e) {
            LOG.error("Could not create the coming telemetry partitions; retrying tomorrow", e);
        }
    }
}
