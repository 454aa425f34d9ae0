package io.weir.sl651.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.Reading;
import io.weir.simulator.sl651.RtuFrames;
import io.weir.simulator.sl651.RtuReport;
import io.weir.simulator.sl651.SimulatedRtu;

/**
 * The centre on a real TCP port, talking to the simulator's RTU (written from the standard apart from this
 * bundle): reports in both encodings are acknowledged and become readings; the 5-minute rain sent in timed reports
 * and again in the hourly series is handed on once per interval, also after a restart; bad input is refused and
 * counted without disturbing the other stations.
 */
class CentreOverTcpTest {

    private static final Duration REPLY = Duration.ofSeconds(30);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final LocalDateTime HOUR = LocalDateTime.of(2026, 7, 18, 9, 0);

    @TempDir
    Path dir;

    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final StationRegistry registry = new StationRegistry();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private CentreComponent centre(int maxConnections) throws Exception {
        registry.put(new Station("0062001301", 0x1234));
        registry.put(new Station("0062001302", 0x4321));
        var options = new CentreOptions("62001200", "127.0.0.1", 0, 0, BEIJING, Markers.ESC, maxConnections,
                Duration.ofMinutes(10), 2);
        var centre = new CentreComponent(options, registry, dir, Clock.systemUTC());
        centre.addReadingListener(readings::addAll);
        centre.start();
        open.add(centre::stop);
        return centre;
    }

    private SimulatedRtu rtu(CentreComponent centre, String station, int password, RtuFrames.Encoding encoding)
            throws Exception {
        var rtu = new SimulatedRtu("127.0.0.1", centre.tcpPort(), station, password, 1, encoding);
        open.add(rtu);
        return rtu;
    }

    @Test
    void timedAndHourlyRainIsHandedOnOncePerIntervalAcrossARestart() throws Exception {
        CentreComponent centre = centre(100);
        SimulatedRtu rtu = rtu(centre, "0062001301", 0x1234, RtuFrames.Encoding.HEX);

        byte[] ack = rtu.timed(HOUR.minusMinutes(55), 0.5, 100.5, null, 12.5, REPLY);
        assertThat(ack).isNotNull();
        assertThat(SimulatedRtu.endMarker(ack)).isEqualTo(0x1B);
        assertThat(SimulatedRtu.serialOf(ack)).isEqualTo(1);
        assertThat(rtu.timed(HOUR.minusMinutes(50), 1.0, 101.5, null, 12.5, REPLY)).isNotNull();

        Double[] series = {0.5, 1.0, 2.0, 0.0, null, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.5};
        assertThat(rtu.hourly(HOUR, series, 108.5, REPLY)).isNotNull();

        assertThat(rain5min()).containsExactly(
                "2026-07-18T00:05:00Z=0.5", "2026-07-18T00:10:00Z=1.0", "2026-07-18T00:15:00Z=2.0",
                "2026-07-18T00:20:00Z=0.0", "2026-07-18T00:30:00Z=0.0", "2026-07-18T00:35:00Z=0.0",
                "2026-07-18T00:40:00Z=0.0", "2026-07-18T00:45:00Z=0.0", "2026-07-18T00:50:00Z=0.0",
                "2026-07-18T00:55:00Z=0.0", "2026-07-18T01:00:00Z=3.5");
        assertThat(centre.counters().duplicateIntervals.get()).isEqualTo(2);

        // a new centre on the same data directory: the hourly report sent again counts nothing twice
        centre.stop();
        readings.clear();
        CentreComponent again = centre(100);
        SimulatedRtu rtuAgain = rtu(again, "0062001301", 0x1234, RtuFrames.Encoding.HEX);
        assertThat(rtuAgain.hourly(HOUR, series, 108.5, REPLY)).isNotNull();
        assertThat(rain5min()).isEmpty();
        assertThat(readings).extracting(Reading::channel).containsExactly("62001200/0062001301/rain_total");
    }

    @Test
    void anAsciiStationIsAnsweredInAscii() throws Exception {
        CentreComponent centre = centre(100);
        SimulatedRtu rtu = rtu(centre, "0062001302", 0x4321, RtuFrames.Encoding.ASCII);
        byte[] ack = rtu.timed(HOUR, 0.4, 20.0, 3.215, 12.1, REPLY);
        assertThat(ack).isNotNull();
        assertThat(ack[0]).isEqualTo((byte) 0x01);
        assertThat(SimulatedRtu.endMarker(ack)).isEqualTo(0x1B);
        assertThat(readings).extracting(r -> r.channel() + "=" + r.value()).contains(
                "62001200/0062001302/water_level=3.215", "62001200/0062001302/rain_5min=0.4",
                "62001200/0062001302/voltage=12.1");
    }

    @Test
    void badInputIsRefusedAndCountedWhileAnotherStationIsServed() throws Exception {
        CentreComponent centre = centre(100);
        SimulatedRtu wrongPassword = rtu(centre, "0062001301", 0x9999, RtuFrames.Encoding.HEX);
        SimulatedRtu unknown = rtu(centre, "0099999999", 0x1234, RtuFrames.Encoding.HEX);
        SimulatedRtu good = rtu(centre, "0062001302", 0x4321, RtuFrames.Encoding.HEX);

        assertThat(wrongPassword.timed(HOUR, 0.5, 1, null, 12, Duration.ofMillis(300))).isNull();
        assertThat(unknown.timed(HOUR, 0.5, 1, null, 12, Duration.ofMillis(300))).isNull();
        byte[] frame = RtuFrames.frame(RtuFrames.Encoding.HEX, 1, "0062001302", 0x4321, SimulatedRtu.TIMED,
                new RtuReport(RtuFrames.Encoding.HEX, 9, HOUR, "0062001302", 0x50, HOUR)
                        .element(0x26, "PT", 5, 3, 1).raw((byte) 0x77, (byte) 0x10, (byte) 0x42, (byte) 0x43).body(), 0x03);
        byte[] corrupt = frame.clone();
        corrupt[20] ^= 0x10;
        good.sendRaw(corrupt);
        good.sendRaw(new byte[] {0x55, 0x55, 0x7E, 0x7E, 0x01}); // noise, then a frame cut short by the next one
        byte[] ack = good.exchange(SimulatedRtu.TIMED, new RtuReport(RtuFrames.Encoding.HEX, 10, HOUR, "0062001302",
                0x50, HOUR).element(0x26, "PT", 5, 3, 1).raw((byte) 0x77, (byte) 0x10, (byte) 0x42, (byte) 0x43).body(), REPLY);
        assertThat(ack).isNotNull();
        assertThat(readings).extracting(Reading::channel).containsExactly("62001200/0062001302/rain_total");

        Counters c = centre.counters();
        assertThat(c.wrongPassword.get()).isEqualTo(1);
        assertThat(c.unknownStation.get()).isEqualTo(1);
        assertThat(c.badCrc.get() + c.malformed.get()).isGreaterThanOrEqualTo(1);
        assertThat(c.unknownElements.get()).isEqualTo(1);
        assertThat(c.reportsAccepted.get()).isEqualTo(1);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndCounted() throws Exception {
        CentreComponent centre = centre(3);
        var sockets = new ArrayList<Socket>();
        for (int i = 0; i < 6; i++) {
            var s = new Socket("127.0.0.1", centre.tcpPort());
            open.add(s);
            sockets.add(s);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> centre.counters().connectionsRefused.get() == 3);
        assertThat(centre.openConnections()).isEqualTo(3);
    }

    @Test
    void withoutAStoreNothingIsAcknowledged() throws Exception {
        registry.put(new Station("0062001301", 0x1234));
        var options = new CentreOptions("62001200", "127.0.0.1", 0, -1, BEIJING, Markers.ESC, 10,
                Duration.ofMinutes(10), 1);
        var centre = new CentreComponent(options, registry, dir, Clock.systemUTC());
        centre.start();
        open.add(centre::stop);
        SimulatedRtu rtu = rtu(centre, "0062001301", 0x1234, RtuFrames.Encoding.HEX);
        assertThat(rtu.timed(HOUR, 0.5, 1, null, 12, Duration.ofMillis(500))).isNull();
        assertThat(centre.counters().storeFailed.get()).isEqualTo(1);
    }

    private List<String> rain5min() {
        return readings.stream().filter(r -> r.channel().endsWith("/rain_5min"))
                .map(r -> r.timestamp() + "=" + r.value()).toList();
    }
}
