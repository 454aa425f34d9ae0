package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.time.ClockStatus;
import io.weir.api.time.TimeTrust;
import io.weir.testing.Configs;
import io.weir.testing.Patience;
import io.weir.testing.Ports;
import io.weir.testing.TestClock;

/** The component built with {@code new}, as the framework would, with fakes for the device link. */
class ModbusDeviceTest {

    private static final String PROFILE = "{\"id\":\"hlk-ld8001h\",\"maxBlockRegisters\":16,\"timeoutMillis\":500,"
            + "\"points\":[{\"name\":\"water_level\",\"function\":3,\"address\":3,\"type\":\"UINT16\","
            + "\"scale\":0.001,\"offset\":0.0,\"unit\":\"m\"}]}";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private ModbusDevice device;
    private Endpoints endpoints;
    private TestSlave slave;
    /** Where the devices that are never reached point: a held port nothing listens on. */
    private final Socket nowhere = Ports.refusing();

    @AfterEach
    void tearDown() throws Exception {
        if (device != null) {
            device.stop();
        }
        executor.shutdownNow();
        if (endpoints != null) {
            endpoints.closeAll();
        }
        if (slave != null) {
            slave.close();
        }
        nowhere.close();
    }

    private Map<String, Object> config(String profile) {
        return Map.of("deviceId", "radar-1", "host", "127.0.0.1", "port", nowhere.getLocalPort(), "unitId", 1,
                "pollIntervalMs", 100L, "stationCode", "62001200", "profileId", "hlk-ld8001h", "profile", profile);
    }

    private DeviceOptions options(String profile) {
        return DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config(profile)));
    }

    /** Collects batches; a test listener, not a mock. */
    private static final class Collector implements ReadingListener {
        final List<List<Reading>> batches = new CopyOnWriteArrayList<>();

        @Override
        public void onReadings(List<Reading> readings) {
            batches.add(readings);
        }
    }

    @Test
    void aBadProfilePublishesConfigErrorsInsteadOfFailing() {
        // the framework's path: configuration in, the component's own executor and Modbus TCP
        endpoints = new Endpoints();
        device = new ModbusDevice(Configs.of(ModbusDeviceConfig.class,
                config(PROFILE.replace("\"UINT16\"", "\"UINT8\""))), endpoints, new ModbusRegistry());
        var collector = new Collector();
        device.addReadingListener(collector, Map.of());
        device.start();

        await().atMost(Patience.LOCAL).until(() -> collector.batches.size() >= 2);

        assertThat(collector.batches.get(0)).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("62001200/radar-1/water_level");
            assertThat(r.quality()).isEqualTo(Quality.BAD);
            assertThat(r.reason()).isEqualTo(QualityReason.CONFIG_ERROR);
        });
    }

    @Test
    void aProfileThatIsNotJsonReportsOnOneDeviceChannel() {
        var collector = new Collector();
        device = new ModbusDevice(options("not json"), CLOCK, (o, p) -> {
            throw new AssertionError("no link is opened for an unusable profile");
        }, executor);
        device.addReadingListener(collector, Map.of());

        device.pollOnce();

        assertThat(collector.batches).hasSize(1);
        assertThat(collector.batches.get(0)).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("62001200/radar-1/" + InvalidProfilePoller.PROFILE_CHANNEL);
            assertThat(r.reason()).isEqualTo(QualityReason.CONFIG_ERROR);
        });
    }

    @Test
    void everyListenerGetsEveryBatchEvenWhenOneThrows() {
        var transport = new FakeTransport(new ReadResult.Registers(new int[] {3412}));
        device = new ModbusDevice(options(PROFILE), CLOCK, (o, p) -> transport, executor);
        var before = new Collector();
        var after = new Collector();
        device.addReadingListener(before, Map.of());
        device.addReadingListener(readings -> {
            throw new IllegalStateException("a broken listener");
        }, Map.of());
        device.addReadingListener(after, Map.of());
        device.start();

        await().atMost(Patience.LOCAL).until(() -> after.batches.size() >= 3);

        assertThat(before.batches.size()).isGreaterThanOrEqualTo(3);
        assertThat(after.batches.get(0)).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("62001200/radar-1/water_level");
            assertThat(r.numeric()).hasValueCloseTo(3.412, within(1e-12));
            assertThat(r.timestamp()).isEqualTo(CLOCK.instant());
        });
    }

    @Test
    void readingsTakenWhileTheClockIsNotSynchronisedGoOutUncertain() {
        var transport = new FakeTransport(new ReadResult.Registers(new int[] {3412}));
        device = new ModbusDevice(options(PROFILE), CLOCK, (o, p) -> transport, executor);
        var collector = new Collector();
        device.addReadingListener(collector, Map.of());
        boolean[] synced = {false};
        TimeTrust trust = new TimeTrust() {
            @Override
            public boolean synchronised() {
                return synced[0];
            }

            @Override
            public ClockStatus status() {
                return new ClockStatus(synced[0], "test", "", CLOCK.instant(), null, 0);
            }
        };
        device.setTimeTrust(trust);
        device.pollOnce();
        synced[0] = true;
        device.pollOnce();
        device.unsetTimeTrust(trust);
        synced[0] = false;
        device.pollOnce();

        assertThat(collector.batches).extracting(b -> b.get(0).quality())
                .containsExactly(Quality.UNCERTAIN, Quality.GOOD, Quality.GOOD);
        assertThat(collector.batches.get(0).get(0).reason()).isEqualTo(QualityReason.CLOCK_UNSYNCED);
        assertThat(collector.batches.get(0).get(0).numeric()).hasValueCloseTo(3.412, within(1e-12));
    }

    @Test
    void aRemovedListenerGetsNothingMore() {
        var transport = new FakeTransport(new ReadResult.Registers(new int[] {3412}));
        device = new ModbusDevice(options(PROFILE), CLOCK, (o, p) -> transport, executor);
        var collector = new Collector();
        device.addReadingListener(collector, Map.of());
        device.pollOnce();

        device.removeReadingListener(collector);
        device.pollOnce();

        assertThat(collector.batches).hasSize(1);
    }

    @Test
    void aSilentDeviceIsBackedOffButStillDeliversBatches() {
        var clock = new TestClock(CLOCK.instant());
        var transport = new FakeTransport(new ReadResult.CommFailure(ReadResult.CommFailure.Kind.TIMEOUT, "silent"));
        device = new ModbusDevice(options(PROFILE), clock, (o, p) -> transport, executor);
        var collector = new Collector();
        device.addReadingListener(collector, Map.of());

        device.pollOnce();
        transport.answer = new ReadResult.Registers(new int[] {3412});
        clock.advance(Duration.ofMillis(500));
        device.pollOnce(); // backed off: reported, not asked
        assertThat(transport.reads.get()).isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        device.pollOnce();

        assertThat(collector.batches).hasSize(3);
        assertThat(collector.batches.get(0).get(0).reason()).isEqualTo(QualityReason.COMM_ERROR);
        assertThat(collector.batches.get(1).get(0).reason()).isEqualTo(QualityReason.COMM_ERROR);
        assertThat(collector.batches.get(1).get(0).timestamp()).isEqualTo(clock.instant().minusMillis(500));
        assertThat(collector.batches.get(2).get(0).quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void aDeviceWhoseLinkIsDownIsAskedAtEveryPollForTheLinkPacesItsOwnReconnects() {
        var clock = new TestClock(CLOCK.instant());
        var transport = new FakeTransport(new ReadResult.CommFailure(ReadResult.CommFailure.Kind.IO, "refused"));
        device = new ModbusDevice(options(PROFILE), clock, (o, p) -> transport, executor);
        var collector = new Collector();
        device.addReadingListener(collector, Map.of());

        for (int poll = 0; poll < 5; poll++) {
            device.pollOnce();
            clock.advance(Duration.ofMillis(100));
        }
        transport.answer = new ReadResult.Registers(new int[] {3412});
        device.pollOnce();

        assertThat(transport.reads.get()).isEqualTo(6);
        assertThat(collector.batches).hasSize(6);
        assertThat(collector.batches.get(5).get(0).quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void aReadingWithinTheDeadbandReachesTheRulesButNotTheStore() {
        slave = new TestSlave(new int[] {0, 0, 0, 3412}, new int[0], Set.of()).start();
        endpoints = new Endpoints();
        var clock = new TestClock(CLOCK.instant());
        var config = new HashMap<>(config(PROFILE.replace("\"unit\":\"m\"",
                "\"unit\":\"m\",\"deadband\":{\"amount\":0.01,\"percent\":false},\"heartbeatMillis\":60000")));
        config.put("port", slave.port());
        device = new ModbusDevice(DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)), clock,
                endpoints, new ModbusRegistry());
        var store = new Collector();
        var rules = new Collector();
        // as the framework binds them: the store's service says it takes only reported readings
        device.addReadingListener(store, Map.of(ReadingListener.READINGS, ReadingListener.REPORTED));
        device.addReadingListener(rules, Map.of());

        device.pollOnce(); // 3.412 m: the first reading
        slave.holding(3, 3415);
        clock.advance(Duration.ofSeconds(1));
        device.pollOnce(); // 3.415 m: within 0.01 m of 3.412
        slave.holding(3, 3530);
        clock.advance(Duration.ofSeconds(1));
        device.pollOnce(); // 3.530 m: beyond

        assertThat(rules.batches).hasSize(3);
        assertThat(rules.batches.get(1).get(0).numeric()).hasValueCloseTo(3.415, within(1e-12));
        assertThat(store.batches).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(1));
        assertThat(store.batches.get(0).get(0).numeric()).hasValueCloseTo(3.412, within(1e-12));
        assertThat(store.batches.get(1).get(0).numeric()).hasValueCloseTo(3.530, within(1e-12));
    }

    @Test
    void stopEndsPollingAndClosesTheLink() {
        var transport = new FakeTransport(new ReadResult.Registers(new int[] {3412}));
        device = new ModbusDevice(options(PROFILE), CLOCK, (o, p) -> transport, executor);
        device.start();
        await().atMost(Patience.LOCAL).until(() -> transport.reads.get() >= 1);

        device.stop();
        device = null;

        assertThat(transport.closed).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    private ModbusDeviceConfig deviceConfig(String id, int port, int unitId, String profile) {
        var config = new HashMap<>(config(profile));
        config.putAll(Map.of("deviceId", id, "port", port, "unitId", unitId));
        return Configs.of(ModbusDeviceConfig.class, config);
    }

    @Test
    void devicesBehindOneGatewayShareItsEndpointAndADeadUnitDoesNotStarveTheLiveOne() {
        slave = new TestSlave(new int[] {0, 0, 0, 3412}, new int[0], Set.of()).withSilentUnit(9).start();
        endpoints = new Endpoints();
        var registry = new ModbusRegistry();
        var live = new Collector();
        var dead = new Collector();
        // unit 9 takes requests and never answers in time
        var deadDevice = new ModbusDevice(deviceConfig("rain-9", slave.port(), 9,
                PROFILE.replace("\"timeoutMillis\":500", "\"timeoutMillis\":200")), endpoints, registry);
        device = new ModbusDevice(deviceConfig("radar-1", slave.port(), TestSlave.UNIT_ID, PROFILE), endpoints,
                registry);
        deadDevice.addReadingListener(dead, Map.of());
        device.addReadingListener(live, Map.of());
        assertThat(endpoints.openEndpoints()).isEqualTo(1);
        try {
            deadDevice.start();
            device.start();

            await().atMost(Patience.LOCAL).until(() -> live.batches.stream()
                    .filter(b -> b.get(0).quality() == Quality.GOOD).count() >= 10);
            assertThat(dead.batches).isNotEmpty().allSatisfy(batch ->
                    assertThat(batch.get(0).reason()).isEqualTo(QualityReason.COMM_ERROR));
        } finally {
            deadDevice.stop();
        }
        device.stop();
        device = null;
        assertThat(endpoints.openEndpoints()).isZero();
    }

    @Test
    void namesTheTransportsItKnowsWhenGivenAnother() {
        var config = new HashMap<>(config(PROFILE));
        config.put("transport", "serial");

        assertThatThrownBy(() -> DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)))
                .hasMessage("device radar-1: transport 'serial' is not one of tcp, rtu-over-tcp, rtu");
    }

    @Test
    void refusesAConfigurationWithoutIdentity() {
        var config = new HashMap<>(config(PROFILE));
        config.remove("stationCode");

        assertThatThrownBy(() -> DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)))
                .hasMessage("device radar-1: stationCode is missing");
    }
}
