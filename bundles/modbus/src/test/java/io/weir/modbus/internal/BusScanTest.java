package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.testing.Configs;
import io.weir.testing.Patience;

/** The endpoint's queue (writes first, scans between polls) and the bus scan over Modbus TCP. */
class BusScanTest {

    private static final String PROFILE = "{\"id\":\"p\",\"maxBlockRegisters\":16,\"timeoutMillis\":300,"
            + "\"points\":[{\"name\":\"level\",\"function\":3,\"address\":0,\"type\":\"UINT16\",\"scale\":1}]}";

    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private TestSlave slave;
    private Endpoints endpoints;
    private ModbusDevice device;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (device != null) {
            device.stop();
        }
        if (endpoints != null) {
            endpoints.closeAll();
        }
        if (slave != null) {
            slave.close();
        }
        thread.shutdownNow();
    }

    @Test
    void aQueuedWriteRunsBeforePollsThatWereQueuedEarlier() throws Exception {
        var endpoint = new Endpoint("test", new FakeTransport(null), thread);
        var busy = new CountDownLatch(1);
        var order = new ArrayList<String>();
        endpoint.execute(() -> await(busy)); // a poll on the wire
        endpoint.execute(() -> order.add("poll a"));
        endpoint.execute(() -> order.add("poll b"));
        endpoint.executeFirst(() -> order.add("write"));

        busy.countDown();
        var done = new CountDownLatch(1);
        endpoint.execute(done::countDown);
        assertThat(done.await(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(order).containsExactly("write", "poll a", "poll b");
    }

    @Test
    void aRetryOfASilentDeviceWaitsUntilNoPollIsDueWithinItsTimeout() throws Exception {
        var threads = new PollThreads(1);
        try {
            var endpoint = new Endpoint("test", new FakeTransport(null), threads.newLink());
            var busy = new CountDownLatch(1);
            var order = new CopyOnWriteArrayList<String>();
            endpoint.execute(() -> await(busy));
            // the retry is asked for while a poll is due: it must wait for that poll, whose next run is an hour away
            var retried = new CountDownLatch(1);
            endpoint.execute(() -> endpoint.executeWhenIdle(Duration.ofMinutes(10), Duration.ofHours(1), () -> {
                order.add("retry");
                retried.countDown();
            }, null));
            endpoint.every(Duration.ofHours(1), () -> order.add("poll"));

            busy.countDown();
            // the retry itself is awaited: when it runs relative to other queued work is the endpoint's business
            assertThat(retried.await(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS)).isTrue();

            assertThat(order).containsExactly("poll", "retry");
        } finally {
            threads.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aScanFindsTheUnitsBehindAGatewayWhileItsDevicesKeepBeingPolled() throws Exception {
        slave = new TestSlave(new int[] {17}, new int[0], Set.of()).withSilentUnit(5).start();
        endpoints = new Endpoints();
        var registry = new ModbusRegistry();
        var config = new HashMap<String, Object>(Map.of("deviceId", "level-1", "host", "127.0.0.1", "port",
                slave.port(), "unitId", 1, "pollIntervalMs", 100L, "stationCode", "62001200", "profileId", "p",
                "profile", PROFILE));
        device = new ModbusDevice(DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)),
                Clock.systemUTC(), endpoints, registry);
        device.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> device.diagnostics().answered() > 0);
        long before = device.diagnostics().transactions();
        int connections = slave.connections();

        JsonNode result = json.readTree(new ModbusScanCommand(endpoints)
                .handle(Map.of("link", "127.0.0.1:" + slave.port(), "units", "1-8", "timeoutMs", "150")));

        // j2mod's TCP slave answers a unit it has no image for with ILLEGAL_DATA_ADDRESS, so for a scan those
        // units are there (a real gateway answers 0B instead, which does not count); unit 5 stays silent
        assertThat(result.get("link").asText()).isEqualTo("tcp://127.0.0.1:" + slave.port());
        List<Integer> present = new ArrayList<>();
        result.get("present").forEach(n -> present.add(n.asInt()));
        assertThat(present).containsExactly(1, 2, 3, 4, 6, 7, 8);
        assertThat(result.get("exceptions").get("2").asText()).isEqualTo("ILLEGAL_DATA_ADDRESS");
        assertThat(result.get("exceptions").has("1")).isFalse();
        assertThat(result.get("elapsedMs").asLong()).isPositive();
        assertThat(device.diagnostics().transactions()).as("polls ran between the probes").isGreaterThan(before);
        assertThat(slave.connections()).as("a silent unit does not cost a new connection").isEqualTo(connections);
    }

    @Test
    void aLateAnswerIsSkippedNotTakenForTheNextRequestsAnswer() throws Exception {
        // unit 5 answers ILLEGAL_DATA_ADDRESS a second late; taken for the device's answer, it would make the
        // device's point CONFIG_ERROR for good
        slave = new TestSlave(new int[] {17}, new int[0], Set.of()).withLateUnit(5).start();
        endpoints = new Endpoints();
        var config = new HashMap<String, Object>(Map.of("deviceId", "level-1", "host", "127.0.0.1", "port",
                slave.port(), "unitId", 1, "pollIntervalMs", 100L, "stationCode", "62001200", "profileId", "p",
                "profile", PROFILE));
        device = new ModbusDevice(DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)),
                Clock.systemUTC(), endpoints, new ModbusRegistry());
        var readings = new CopyOnWriteArrayList<io.weir.api.Reading>();
        device.addReadingListener(readings::addAll, Map.of());
        device.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> device.diagnostics().answered() > 0);

        JsonNode result = json.readTree(new ModbusScanCommand(endpoints)
                .handle(Map.of("link", "127.0.0.1:" + slave.port(), "units", "5", "timeoutMs", "150")));
        assertThat(result.has("present")).isFalse();
        long answeredAfterScan = device.diagnostics().answered();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> device.diagnostics().answered() > answeredAfterScan + 3);

        assertThat(readings).noneMatch(r -> r.reason() == io.weir.api.QualityReason.CONFIG_ERROR);
        assertThat(readings.get(readings.size() - 1).value()).isEqualTo(17L);
    }

    @Test
    void aLinkNotInTheSiteFileIsScannedOnAnEndpointOfItsOwnThatIsClosedAfterwards() throws Exception {
        slave = new TestSlave(new int[] {17}, new int[0], Set.of()).withSilentUnit(2).start();
        endpoints = new Endpoints();
        var command = new ModbusScanCommand(endpoints);

        JsonNode result = json.readTree(command.handle(Map.of("link", "127.0.0.1:" + slave.port(), "units", "1-3",
                "timeoutMs", "150")));

        assertThat(result.get("present").toString()).isEqualTo("[1,3]");
        assertThat(result.get("connectionsOpened").asInt()).isEqualTo(1);
        assertThat(endpoints.openEndpoints()).isZero();
        assertThatThrownBy(() -> command.handle(Map.of("link", "/dev/ttyWEIR-NONE", "units", "1")))
                .hasMessageContaining("/dev/ttyWEIR-NONE");
        assertThatThrownBy(() -> command.handle(Map.of("link", "127.0.0.1:" + slave.port(), "baudRates", "9600")))
                .hasMessageContaining("serial port only");
        assertThat(endpoints.openEndpoints()).isZero();
        assertThatThrownBy(() -> ModbusScanCommand.units("0-300")).hasMessageContaining("0..255");
        assertThat(ModbusScanCommand.units("1 - 247")).containsExactly(1, 247);
        assertThat(ModbusScanCommand.units("9")).containsExactly(9, 9);
    }

    @Test
    void theHistogramsPercentilesNeverUnderReport() {
        var histogram = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            histogram.record(i * 1000L); // 1 .. 100 ms
        }
        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.percentileMillis(0.50)).isBetween(50.0, 50.0 * 1.19);
        assertThat(histogram.percentileMillis(0.99)).isBetween(99.0, 99.0 * 1.19);
        assertThat(new LatencyHistogram().percentileMillis(0.5)).isZero();
        histogram.record(Long.MAX_VALUE / 2); // far beyond the last bound: counted in the last bucket
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE / 2)).isEqualTo(LatencyHistogram.BUCKETS - 1);
    }
}
