package io.weir.modbus.internal;

import static io.weir.modbus.internal.Points.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;
import io.weir.testing.Patience;
import io.weir.testing.TestClock;

/**
 * Coils, discrete inputs, 64-bit values and strings read from a real j2mod Modbus TCP slave. Register contents are
 * written out by hand from the values' byte patterns.
 */
class BitsAndWideTypesTest {

    private static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    private static final String PREFIX = "62001200/meter-1/";

    private static final int[] HOLDING = {
            0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE, // 0-3 total, int64 ABCD -2
            0xCDEF, 0x89AB, 0x4567, 0x0123, // 4-7 counter, uint64 CDAB 0x0123456789ABCDEF = 81985529216486895
            0x0000, 0x0000, 0x0000, 0xF83F, // 8-11 volume, float64 DCBA 1.5 = 0x3FF8000000000000
            0x5455, 0x462D, 0x3230, 0x3030, 0x0000}; // 12-16 model, "TUF-2000" NUL-padded
    private static final boolean[] COILS = {true, false, false, true, false, false, false, false, false, true};
    private static final boolean[] DISCRETES = {false, true, false};

    private static final DeviceProfile PROFILE = new DeviceProfile("test", "Weir", "Test", 32, 300, List.of(
            point("relay_a", 1, 0, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
            point("relay_d", 1, 3, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
            point("relay_j", 1, 9, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
            point("door", 2, 1, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
            point("alarm", 2, 2, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
            point("total", 3, 0, DataType.INT64, WordOrder.ABCD, 1, 0, "m3"),
            point("counter", 3, 4, DataType.UINT64, WordOrder.CDAB, 1, 0, ""),
            point("volume", 3, 8, DataType.FLOAT64, WordOrder.DCBA, 1, 0, "m3"),
            new Point("model", 3, 12, DataType.STRING, WordOrder.ABCD, 1, 0, "", 5)), List.of(), 8);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:00Z"));
    private TestSlave slave;
    private ModbusTransport transport;

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        if (slave != null) {
            slave.close();
        }
    }

    @Test
    void readsBitsAndWideValuesInOneBlockPerTable() {
        slave = new TestSlave(HOLDING, new int[0], Set.of()).withCoils(COILS).withDiscreteInputs(DISCRETES).start();
        var counting = new CountingTransport(new J2modTcpTransport("127.0.0.1", slave.port(), Framing.TCP, 300,
                new Backoff(Duration.ofSeconds(1), BACKOFF_MAX), clock));
        transport = counting;
        var poller = new DevicePoller(new DeviceChannels("62001200", "meter-1"), TestSlave.UNIT_ID,
                ReadPlan.of(PROFILE), counting, clock);

        PollResult result = await().atMost(Patience.LOCAL).until(() -> {
            clock.advance(BACKOFF_MAX);
            counting.clear();
            return poller.poll();
        }, PollResult::commOk);

        var readings = new LinkedHashMap<String, Reading>();
        result.readings().forEach(r -> readings.put(r.channel().substring(PREFIX.length()), r));
        assertThat(readings.values()).allSatisfy(r -> assertThat(r.quality()).as(r.channel()).isEqualTo(Quality.GOOD));
        assertThat(values(readings)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "relay_a", true, "relay_d", true, "relay_j", true, "door", true, "alarm", false,
                "total", -2L, "counter", 81985529216486895L, "volume", 1.5, "model", "TUF-2000"));
        // coils 0..9 bridged (gap 5 of at most 8), the two inputs, registers 0..16
        assertThat(counting.requests()).containsExactly("1:0+10", "2:1+2", "3:0+17");
    }

    @Test
    void aBitThatIsNotThereReadsConfigErrorAndTheOthersKeepFlowing() {
        // only 4 coils: coil 9 does not exist, so the bridged block 0..9 is refused
        slave = new TestSlave(HOLDING, new int[0], Set.of()).withCoils(true, false, false, true)
                .withDiscreteInputs(DISCRETES).start();
        transport = new J2modTcpTransport("127.0.0.1", slave.port(), Framing.TCP, 300,
                new Backoff(Duration.ofSeconds(1), BACKOFF_MAX), clock);
        var poller = new DevicePoller(new DeviceChannels("62001200", "meter-1"), TestSlave.UNIT_ID,
                ReadPlan.of(PROFILE), transport, clock);

        PollResult result = await().atMost(Patience.LOCAL).until(() -> {
            clock.advance(BACKOFF_MAX);
            return poller.poll();
        }, PollResult::commOk);

        var readings = new LinkedHashMap<String, Reading>();
        result.readings().forEach(r -> readings.put(r.channel().substring(PREFIX.length()), r));
        assertThat(readings.get("relay_j").reason()).isEqualTo(QualityReason.CONFIG_ERROR);
        assertThat(readings.get("relay_a").value()).isEqualTo(true);
        assertThat(readings.get("relay_d").value()).isEqualTo(true);
        assertThat(readings.get("model").value()).isEqualTo("TUF-2000");
    }

    private static Map<String, Object> values(Map<String, Reading> readings) {
        var values = new LinkedHashMap<String, Object>();
        readings.forEach((name, r) -> values.put(name, r.value()));
        return values;
    }
}
