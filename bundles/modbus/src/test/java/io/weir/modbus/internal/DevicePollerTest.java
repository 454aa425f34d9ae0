package io.weir.modbus.internal;

import static io.weir.modbus.internal.Points.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import io.weir.api.profile.WordOrder;
import io.weir.testing.Patience;
import io.weir.testing.Ports;
import io.weir.testing.TestClock;

/** The poller against a real j2mod Modbus TCP slave on a loopback socket. */
class DevicePollerTest {

    private static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    private static final String PREFIX = "62001200/radar-1/";

    // holding 0..10, register 6 and 9 unused by the profile
    private static final int[] HOLDING = {
            3412,           // 0 level, uint16 x 0.001 m
            0xFF9C,         // 1 temperature, int16 -100 x 0.1 degC
            0x42F6, 0xE979, // 2-3 flow, float32 ABCD 123.456
            0x0000, 0x0001, // 4-5 energy, uint32 CDAB 65536 x 0.01 + 100 kWh
            0,              // 6
            7,              // 7 x
            8,              // 8 y: a hole when the test says so
            0,              // 9
            10};            // 10 z
    // 230.5f = 0x43668000, sent CDAB
    private static final int[] INPUT = {0x8000, 0x4366};

    private static final DeviceProfile PROFILE = new DeviceProfile("test", "Weir", "Test", 16, 300, List.of(
            point("level", 3, 0, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m"),
            point("temperature", 3, 1, DataType.INT16, WordOrder.ABCD, 0.1, 0, "degC"),
            point("flow", 3, 2, DataType.FLOAT32, WordOrder.ABCD, 1, 0, "m3/h"),
            point("energy", 3, 4, DataType.UINT32, WordOrder.CDAB, 0.01, 100, "kWh"),
            point("x", 3, 7, DataType.UINT16, WordOrder.ABCD, 1, 0, ""),
            point("y", 3, 8, DataType.UINT16, WordOrder.ABCD, 1, 0, ""),
            point("z", 3, 10, DataType.UINT16, WordOrder.ABCD, 1, 0, ""),
            point("voltage", 4, 0, DataType.FLOAT32, WordOrder.CDAB, 1, 0, "V")));

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

    private DevicePoller pollerFor(int port, DeviceProfile profile) {
        return pollerFor(port, profile, Framing.TCP);
    }

    private DevicePoller pollerFor(int port, DeviceProfile profile, Framing framing) {
        transport = new J2modTcpTransport("127.0.0.1", port, framing, profile.timeoutMillis(),
                new Backoff(Duration.ofSeconds(1), BACKOFF_MAX), clock);
        return new DevicePoller(new DeviceChannels("62001200", "radar-1"), TestSlave.UNIT_ID, ReadPlan.of(profile),
                transport, clock);
    }

    /** The slave's listener starts on its own thread; poll until it answers, letting any backoff pass first. */
    private PollResult pollUntilAnswered(DevicePoller poller) {
        return await().atMost(Patience.LOCAL).until(() -> {
            clock.advance(BACKOFF_MAX);
            return poller.poll();
        }, PollResult::commOk);
    }

    private static Map<String, Reading> byChannel(PollResult result) {
        var map = new LinkedHashMap<String, Reading>();
        result.readings().forEach(r -> map.put(r.channel(), r));
        return map;
    }

    private static double value(Map<String, Reading> readings, String point) {
        Reading r = readings.get(PREFIX + point);
        assertThat(r.quality()).as(point).isEqualTo(Quality.GOOD);
        return r.numeric().orElseThrow();
    }

    @Test
    void readsEveryPointWithScaleOffsetUnitAndTime() {
        slave = new TestSlave(HOLDING, INPUT, Set.of()).start();
        DevicePoller poller = pollerFor(slave.port(), PROFILE);

        PollResult result = pollUntilAnswered(poller);

        Map<String, Reading> readings = byChannel(result);
        assertThat(readings).hasSize(8);
        assertThat(value(readings, "level")).isCloseTo(3.412, within(1e-12));
        assertThat(value(readings, "temperature")).isCloseTo(-10.0, within(1e-12));
        assertThat(value(readings, "flow")).isEqualTo((double) 123.456f);
        assertThat(value(readings, "energy")).isCloseTo(65536 * 0.01 + 100, within(1e-9));
        assertThat(value(readings, "x")).isEqualTo(7.0);
        assertThat(value(readings, "y")).isEqualTo(8.0);
        assertThat(value(readings, "z")).isEqualTo(10.0);
        assertThat(value(readings, "voltage")).isEqualTo(230.5);
        assertThat(readings.get(PREFIX + "level").unit()).isEqualTo("m");
        assertThat(result.readings()).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(clock.instant()));
    }

    @Test
    void aRefusedRegisterFailsOnlyItsOwnPointAndTheRestOfTheBlockKeepsFlowing() {
        slave = new TestSlave(HOLDING, INPUT, Set.of(8)).start();
        DevicePoller poller = pollerFor(slave.port(), PROFILE);

        PollResult result = pollUntilAnswered(poller);

        Map<String, Reading> readings = byChannel(result);
        assertThat(readings).hasSize(8);
        assertThat(readings.get(PREFIX + "y").quality()).isEqualTo(Quality.BAD);
        assertThat(readings.get(PREFIX + "y").reason()).isEqualTo(QualityReason.CONFIG_ERROR);
        assertThat(readings.get(PREFIX + "y").value()).isNull();
        assertThat(value(readings, "x")).isEqualTo(7.0);
        assertThat(value(readings, "level")).isCloseTo(3.412, within(1e-12));
        assertThat(value(readings, "z")).isEqualTo(10.0);
        assertThat(value(readings, "voltage")).isEqualTo(230.5);
        // a refusal is the profile's fault, not the link's
        assertThat(result.commOk()).isTrue();
    }

    @Test
    void readsTheSameMapOverRtuFramesThroughTcpAsASerialDeviceServerPassesThem() {
        slave = new TestSlave(HOLDING, INPUT, Set.of()).rtuOverTcp().start();
        DevicePoller poller = pollerFor(slave.port(), PROFILE, Framing.RTU_OVER_TCP);

        Map<String, Reading> readings = byChannel(pollUntilAnswered(poller));

        assertThat(readings).hasSize(8);
        assertThat(value(readings, "level")).isCloseTo(3.412, within(1e-12));
        assertThat(value(readings, "flow")).isEqualTo((double) 123.456f);
        assertThat(value(readings, "voltage")).isEqualTo(230.5);
    }

    @Test
    void theWrongFramingIsACommunicationErrorNotWrongValues() {
        slave = new TestSlave(HOLDING, INPUT, Set.of()).rtuOverTcp().start();
        DevicePoller poller = pollerFor(slave.port(), PROFILE, Framing.TCP);

        PollResult result = poller.poll();

        assertThat(result.commOk()).isFalse();
        assertThat(result.readings()).hasSize(8).allSatisfy(r -> {
            assertThat(r.quality()).isEqualTo(Quality.BAD);
            assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR);
        });
    }

    @Test
    void aBridgedReadAcrossAnUndeclaredHoleSplitsUntilEveryPointIsReadAndThenKeepsTheSplit() {
        // register 9 is unused by the profile and refused by the device; bridging would read 7..10 in one go
        slave = new TestSlave(HOLDING, INPUT, Set.of(9)).start();
        var bridging = new DeviceProfile("test", "Weir", "Test", 16, 300, PROFILE.points(), List.of(), 8);
        var counting = new CountingTransport(new J2modTcpTransport("127.0.0.1", slave.port(), 300,
                new Backoff(Duration.ofSeconds(1), BACKOFF_MAX), clock));
        transport = counting;
        var poller = new DevicePoller(new DeviceChannels("62001200", "radar-1"), TestSlave.UNIT_ID,
                ReadPlan.of(bridging), counting, clock);

        Map<String, Reading> first = byChannel(pollUntilAnswered(poller));
        counting.clear();
        Map<String, Reading> next = byChannel(poller.poll());

        for (Map<String, Reading> readings : List.of(first, next)) {
            assertThat(readings).hasSize(8);
            assertThat(readings.values()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));
        }
        assertThat(value(next, "z")).isEqualTo(10.0);
        // the holding points 0..8 in one read, z alone after the search, the input registers as before
        assertThat(counting.requests()).containsExactly("3:0+9", "3:10+1", "4:0+2");
    }

    @Test
    void theRefusedRegisterIsFoundOnceAndNotAskedForAgain() {
        slave = new TestSlave(HOLDING, INPUT, Set.of(8)).start();
        var counting = new CountingTransport(new J2modTcpTransport("127.0.0.1", slave.port(), PROFILE.timeoutMillis(),
                new Backoff(Duration.ofSeconds(1), BACKOFF_MAX), clock));
        transport = counting;
        var poller = new DevicePoller(new DeviceChannels("62001200", "radar-1"), TestSlave.UNIT_ID,
                ReadPlan.of(PROFILE), counting, clock);
        pollUntilAnswered(poller);

        counting.clear();
        PollResult next = poller.poll();

        // x and y were one block (7..8); after the search, x is read alone and y not at all
        assertThat(counting.requests()).containsExactly("3:0+6", "3:7+1", "3:10+1", "4:0+2");
        Map<String, Reading> readings = byChannel(next);
        assertThat(readings).hasSize(8);
        assertThat(value(readings, "x")).isEqualTo(7.0);
        assertThat(readings.get(PREFIX + "y").reason()).isEqualTo(QualityReason.CONFIG_ERROR);
    }

    @Test
    void aStoppedDeviceGivesCommErrorsThenRecoversWhenItIsBack() {
        slave = new TestSlave(HOLDING, INPUT, Set.of()).start();
        DevicePoller poller = pollerFor(slave.port(), PROFILE);
        assertThat(pollUntilAnswered(poller).readings()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));

        slave.stop();
        PollResult down = poller.poll();

        assertThat(down.readings()).hasSize(8).allSatisfy(r -> {
            assertThat(r.quality()).isEqualTo(Quality.BAD);
            assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR);
        });
        assertThat(down.commOk()).isFalse();

        // within the backoff the device is not even tried
        PollResult stillDown = poller.poll();
        assertThat(stillDown.commFailure()).contains("not reopening");
        assertThat(stillDown.readings()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR));

        slave.start();
        PollResult back = pollUntilAnswered(poller);

        Map<String, Reading> readings = byChannel(back);
        assertThat(readings.values()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));
        assertThat(value(readings, "level")).isCloseTo(3.412, within(1e-12));
    }

    @Test
    void aDeviceThatNeverAnswersTimesOut() throws IOException {
        // the kernel completes the TCP handshake from the backlog; nobody ever reads the request
        try (var silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            DevicePoller poller = pollerFor(silent.getLocalPort(), PROFILE);

            PollResult result = poller.poll();

            assertThat(result.commFailure()).contains("TIMEOUT");
            assertThat(result.readings()).hasSize(8)
                    .allSatisfy(r -> assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR));
        }
    }

    @Test
    void nothingListeningIsACommError() throws IOException {
        try (var nowhere = Ports.refusing()) {
            DevicePoller poller = pollerFor(nowhere.getLocalPort(), PROFILE);

            PollResult result = poller.poll();

            assertThat(result.commFailure()).contains("cannot open 127.0.0.1:");
            assertThat(result.readings()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR));
        }
    }
}
