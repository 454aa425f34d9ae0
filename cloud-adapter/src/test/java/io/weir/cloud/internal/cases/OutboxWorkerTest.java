package io.weir.cloud.internal.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.DeliveryOptions;
import io.weir.cloud.internal.store.CaseFollowUpTable;
import io.weir.cloud.internal.store.CaseOutboxTable;
import io.weir.cloud.internal.store.Database;
import io.weir.cloud.internal.store.JdbcQueries;
import io.weir.cloud.query.CaseDeliveryStatus;
import io.weir.cloud.query.CaseRequest;
import io.weir.cloud.sign.HmacSha256Signer;
import io.weir.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker driven by hand ({@link OutboxWorker#drain()}) against a scripted HTTP platform and a hand clock. */
class OutboxWorkerTest {
    private static final String ALARM = "gw-1:river-level:1";
    private static final String BODY = "{\"v\":1,\"idempotencyKey\":\"" + ALARM + "\"}";
    /** Full jitter always drawing the top of its range, so each delay is its ceiling. */
    private static final RandomGenerator TOP = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:00Z"));
    private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
    private ScriptedPlatform platform;
    private Database database;
    private JdbcQueries queries;

    @BeforeEach
    void open() throws Exception {
        platform = new ScriptedPlatform();
        database = Database.open("jdbc:sqlite:" + dir.resolve("cloud.db"));
        queries = new JdbcQueries(database.transactor());
        database.transactor().write(c -> new CaseOutboxTable().enqueue(c, ALARM, "gw-1", BODY, clock.instant()));
    }

    @AfterEach
    void close() {
        unused.shutdownNow();
        platform.close();
        database.close();
    }

    private OutboxWorker worker(URI baseUri) {
        DeliveryOptions options = new DeliveryOptions(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(5), 10);
        CountyClient county = new CountyClient(HttpClient.newHttpClient(), baseUri,
                new HmacSha256Signer("weir-demo", "s3cret", clock), options.requestTimeout(), new ObjectMapper());
        return new OutboxWorker(database.transactor(), new CaseOutboxTable(), county,
                new Backoff(options.retryBase(), options.retryCap(), TOP), clock, unused, options);
    }

    private CaseRequest request() {
        return queries.caseRequest(ALARM).orElseThrow();
    }

    @Test
    void sendsTheStoredBodySignedAndRecordsTheCaseId() {
        platform.answer(201, "{\"caseId\":\"C20261121-0001\",\"status\":\"REGISTERED\",\"created\":true}");

        worker(platform.baseUri()).drain();

        assertThat(request().status()).isEqualTo(CaseDeliveryStatus.SENT);
        assertThat(request().caseId()).isEqualTo("C20261121-0001");
        assertThat(request().attempts()).isEqualTo(1);
        ScriptedPlatform.Received sent = platform.received().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v1/cases");
        assertThat(sent.body()).isEqualTo(BODY);
        assertThat(sent.headers()).containsKeys("X-app-key", "X-timestamp", "X-nonce", "X-signature");
    }

    @Test
    void retriesA429AfterItsBackoffAndNotBefore() {
        platform.answer(429, "{\"error\":\"slow down\"}");
        platform.answer(200, "{\"caseId\":\"C20261121-0001\",\"status\":\"REGISTERED\",\"created\":false}");
        OutboxWorker worker = worker(platform.baseUri());

        worker.drain();
        assertThat(request().status()).isEqualTo(CaseDeliveryStatus.PENDING);
        assertThat(request().attempts()).isEqualTo(1);
        assertThat(request().lastError()).contains("HTTP 429").contains("slow down");

        worker.drain();
        assertThat(platform.received()).as("not due before its backoff").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        worker.drain();
        assertThat(request().status()).isEqualTo(CaseDeliveryStatus.SENT);
        assertThat(request().attempts()).isEqualTo(2);
        assertThat(request().lastError()).isNull();
    }

    @Test
    void backsOffExponentiallyAndHonoursRetryAfter() {
        platform.answer(503, "down", Map.of("Retry-After", "30"));
        platform.answer(502, "bad gateway");
        OutboxWorker worker = worker(platform.baseUri());

        worker.drain();
        assertThat(request().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        worker.drain();
        assertThat(request().attempts()).isEqualTo(2);
        assertThat(request().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(2));
    }

    @Test
    void keepsARefusalAsFailedWithItsReasonAndDoesNotRetry() {
        platform.answer(400, "{\"error\":\"bad-field\",\"detail\":\"smallClass must be four digits\"}");
        OutboxWorker worker = worker(platform.baseUri());

        worker.drain();
        clock.advance(Duration.ofHours(1));
        worker.drain();

        assertThat(request().status()).isEqualTo(CaseDeliveryStatus.FAILED);
        assertThat(request().lastError()).contains("HTTP 400").contains("smallClass must be four digits");
        assertThat(platform.received()).hasSize(1);
    }

    @Test
    void followUpsOfACaseThePlatformRefusedFailNamingTheCaseInsteadOfWaitingForever() {
        CaseFollowUpTable followUps = new CaseFollowUpTable();
        database.transactor().write(c -> followUps.enqueue(c, ALARM, 2, 0, "UPDATE", "{}", clock.instant()));
        platform.answer(400, "{\"error\":\"bad-field\",\"detail\":\"smallClass must be four digits\"}");
        OutboxWorker worker = worker(platform.baseUri());

        worker.drain();
        // the clear arrives after the refusal: its note and close request can never go out either
        database.transactor().write(c -> followUps.enqueue(c, ALARM, 3, 1, "NOTE", "{}", clock.instant()));
        database.transactor().write(c -> followUps.enqueue(c, ALARM, 3, 2, "CLOSE", "{}", clock.instant()));
        worker.drain();

        Map<String, Long> counts = database.transactor().read(followUps::counts);
        assertThat(counts).containsEntry("FAILED", 3L).containsEntry("PENDING", 0L);
        List<String> reasons = database.transactor().read(c -> {
            List<String> r = new java.util.ArrayList<>();
            try (var s = c.prepareStatement("SELECT last_error FROM case_followup"); var rs = s.executeQuery()) {
                while (rs.next()) {
                    r.add(rs.getString(1));
                }
            }
            return r;
        });
        assertThat(reasons).hasSize(3).allSatisfy(reason -> assertThat(reason)
                .contains("the case for alarm " + ALARM + " was never opened").contains("HTTP 400"));
        assertThat(platform.received()).as("nothing sent for a case that does not exist").hasSize(1);
    }

    @Test
    void anUnreachablePlatformIsRetried() {
        URI closed = platform.baseUri();
        platform.close();

        worker(closed).drain();

        assertThat(request().status()).isEqualTo(CaseDeliveryStatus.PENDING);
        assertThat(request().lastError()).contains("failed");
    }

    @Test
    void anAnswerWithoutCaseIdIsRetriedNotTakenForSuccess() {
        platform.answer(201, "{}");

        worker(platform.baseUri()).drain();

        assertThat(request().status()).isEqualTo(CaseDeliveryStatus.PENDING);
        assertThat(request().lastError()).contains("no caseId");
    }
}
