package io.weir.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.internal.cases.Backoff;
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
import io.weir.cloud.internal.store.TelemetryTable;
import io.weir.cloud.internal.store.Transactor;
import io.weir.cloud.sign.RequestSigner;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the object graph of one adapter from its configuration; the only place that calls constructors. */
final class Wiring {
    private final CloudAdapterConfig config;
    private final RequestSigner signer;
    private final Clock clock;

    Wiring(CloudAdapterConfig config, RequestSigner signer, Clock clock) {
        this.config = config;
        this.signer = signer;
        this.clock = clock;
    }

    CloudAdapter build() {
        Database database = Database.open(config.jdbcUrl());
        Transactor transactor = database.transactor();
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
        CaseOutboxTable outboxTable = new CaseOutboxTable();
        CountyClient county = new CountyClient(http, config.countyBaseUri(), signer, delivery.requestTimeout(), json);
        OutboxWorker outbox = new OutboxWorker(transactor, outboxTable, county,
                new Backoff(delivery.retryBase(), delivery.retryCap(), new SecureRandom()), clock, scheduler,
                delivery);
        AlarmRecorder alarms = new AlarmRecorder(new AlarmEventTable(), new AlarmTable(), outboxTable,
                new CaseRequestFactory(config.caseMapping()), json);
        MessageWriter writer = new MessageWriter(new ReceivedMessageTable(), new TelemetryTable(), new GatewayTable(),
                alarms, json);
        IngestCounters counters = new IngestCounters();
        IngestService ingestService = new IngestService(transactor, new MessageParser(), writer,
                new DeadLetterTable(), counters, clock, outbox::wakeUp);
        MqttIngest ingest = new MqttIngest(
                MqttIngest.Options.of(config.brokerUrl(), config.clientId(), config.sharedSubscriptionGroup()),
                ingestService);
        return new CloudAdapter(database, ingest, outbox, scheduler, counters, new JdbcQueries(transactor),
                outboxTable);
    }
}
