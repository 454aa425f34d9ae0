package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.Reading;
import io.weir.testing.Configs;
import io.weir.testing.ManualScheduler;
import io.weir.testing.TcpProxy;
import io.weir.testing.TestClock;

/**
 * A Modbus TCP device server that goes away and comes back: a real slave behind a proxy the test takes down, the
 * device's real link, and its polls on a test clock, so "within two poll periods" is counted on the grid, not
 * measured.
 */
class DeviceServerOutageTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final String PROFILE = "{\"id\":\"hlk-ld8001h\",\"maxBlockRegisters\":16,\"timeoutMillis\":%d,"
            + "\"points\":[{\"name\":\"water_level\",\"function\":3,\"address\":3,\"type\":\"UINT16\","
            + "\"scale\":0.001,\"offset\":0.0,\"unit\":\"m\"}]}";

    private final ManualScheduler scheduler = new ManualScheduler(new TestClock(T0));
    private final TestClock clock = scheduler.clock();
    private final LongSupplier nanoTime = () -> Duration.between(T0, clock.instant()).toNanos();
    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private final TestSlave slave = new TestSlave(new int[] {0, 0, 0, 3412}, new int[0], Set.of()).start();
    private TcpProxy proxy;
    private J2modTcpTransport link;

    @AfterEach
    void tearDown() {
        // nothing polls unless the test advances the scheduler: closing the link on the test's thread, the link's
        // thread here, is all a stop would do (a stop would wait for the scheduler to run its last task)
        if (link != null) {
            link.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        slave.close();
    }

    private ModbusDevice startDevice(int unitId, int timeoutMillis) throws Exception {
        proxy = new TcpProxy(slave.port());
        var options = DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, Map.of("deviceId", "radar-1",
                "host", "127.0.0.1", "port", proxy.port(), "unitId", unitId,
                "pollIntervalMs", INTERVAL.toMillis(), "stationCode", "62001200", "profileId", "hlk-ld8001h",
                "profile", PROFILE.formatted(timeoutMillis))));
        // as the endpoints wire a link: its backoff is the endpoint's to bound while devices poll it
        var reconnect = Backoff.forLink();
        link = new J2modTcpTransport("127.0.0.1", proxy.port(), 1000, reconnect, clock);
        var endpoint = new Endpoint("tcp://127.0.0.1:" + proxy.port(), null, link, scheduler, reconnect, nanoTime);
        var device = new ModbusDevice(options, clock, endpoint);
        device.addReadingListener(readings::addAll, Map.of());
        device.start();
        scheduler.runDue();
        return device;
    }

    private Reading last() {
        return readings.get(readings.size() - 1);
    }

    @Test
    void aDeviceServerThatComesBackIsReadAgainWithinTwoPollPeriods() throws Exception {
        // the unit never stays silent here: every failure is the link's, and none waits for the timeout
        startDevice(TestSlave.UNIT_ID, 2000);
        assertThat(last().quality()).isEqualTo(Quality.GOOD);

        // the server hangs up on every connection for 10 s, then refuses them for 30 s: long enough for a backoff
        // doubling to a minute to leave the device unread for half a minute after it is back
        proxy.hangingUp(true);
        proxy.cutAll();
        int connectionsBefore = proxy.connections();
        scheduler.advance(Duration.ofSeconds(10));
        int hungUp = proxy.connections() - connectionsBefore;
        proxy.accepting(false);
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(readings).filteredOn(r -> r.timestamp().isAfter(T0)).hasSize(40)
                .allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.BAD));

        proxy.hangingUp(false);
        proxy.accepting(true);
        Instant back = clock.instant();
        scheduler.advance(INTERVAL.multipliedBy(2));

        Reading firstGood = readings.stream().filter(r -> r.timestamp().isAfter(back))
                .filter(r -> r.quality() == Quality.GOOD).findFirst().orElseThrow();
        assertThat(firstGood.timestamp()).isBeforeOrEqualTo(back.plus(INTERVAL.multipliedBy(2)));
        assertThat(firstGood.value()).isEqualTo(3.412);
        // a server that hangs up was tried at most once a poll, never in a storm of reconnects
        assertThat(hungUp).isBetween(5, 10);
    }

    @Test
    void aUnitSilentBehindALiveServerIsStillBackedOffOnItsOwnAndCostsNoReconnect() throws Exception {
        slave.withSilentUnit(9);
        ModbusDevice device = startDevice(9, 100);

        scheduler.advance(Duration.ofSeconds(30));

        assertThat(readings).hasSize(31).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.BAD));
        // asked at 0, 1, 3, 7 and 15 s, as the device's own backoff doubles; the link stays up all along
        assertThat(device.diagnostics().timeouts()).isEqualTo(5);
        assertThat(proxy.connections()).isOne();
    }
}
