package io.weir.modbus.internal;

import static io.weir.modbus.internal.Points.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import io.weir.api.Quality;
import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.WordOrder;
import io.weir.testing.Configs;
import io.weir.testing.Patience;
import io.weir.testing.TestClock;

/**
 * Modbus RTU over a serial line (a socat pty pair): a radar gauge and a rain gauge as two units on one bus, read
 * by the gateway through one shared link, as on an RS-485 line.
 */
class SerialRtuTest {

    private static final DeviceProfile RADAR = new DeviceProfile("radar", "Weir", "Test", 16, 500, List.of(
            point("water_level", 3, 3, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m")));
    private static final DeviceProfile RAIN = new DeviceProfile("rain", "Weir", "Test", 16, 500, List.of(
            point("rain_counter", 3, 0, DataType.UINT16, WordOrder.ABCD, 0.1, 0, "mm")));

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:00Z"));

    @Test
    void twoUnitsOnOneSerialBusAreReadThroughOneSharedLink() throws Exception {
        try (var line = VirtualSerialLine.open(dir)) {
            ModbusSlave slave = ModbusSlaveFactory.createSerialSlave(rtu(line.deviceEnd()));
            try {
                var radar = new SimpleProcessImage(1);
                for (int value : new int[] {0, 4380, 0, 3620}) {
                    radar.addRegister(new SimpleRegister(value));
                }
                var rain = new SimpleProcessImage(2);
                rain.addRegister(new SimpleRegister(1234));
                slave.addProcessImage(1, radar);
                slave.addProcessImage(2, rain);
                slave.open();

                var settings = new SerialSettings(line.gatewayEnd().toString(), 9600, 8, "none", 1);
                var bus = new J2modSerialTransport(settings, 500, new Backoff(Duration.ofSeconds(1),
                        Duration.ofSeconds(8)), clock);
                try {
                    var radarPoller = new DevicePoller(new DeviceChannels("62001200", "radar-1"), 1,
                            ReadPlan.of(RADAR), bus.withTimeout(500), clock);
                    var rainPoller = new DevicePoller(new DeviceChannels("62001200", "rain-1"), 2,
                            ReadPlan.of(RAIN), bus.withTimeout(500), clock);

                    PollResult level = await().atMost(Patience.LOCAL).until(() -> {
                        clock.advance(Duration.ofSeconds(8));
                        return radarPoller.poll();
                    }, PollResult::commOk);
                    PollResult counter = rainPoller.poll();

                    assertThat(level.readings()).singleElement().satisfies(r -> {
                        assertThat(r.channel()).isEqualTo("62001200/radar-1/water_level");
                        assertThat(r.numeric()).hasValueCloseTo(3.62, within(1e-12));
                    });
                    assertThat(counter.readings()).singleElement().satisfies(r -> {
                        assertThat(r.quality()).isEqualTo(Quality.GOOD);
                        assertThat(r.numeric()).hasValueCloseTo(123.4, within(1e-9));
                    });
                } finally {
                    bus.close();
                }
            } finally {
                ModbusSlaveFactory.close(slave);
            }
        }
    }

    @Test
    void aSilentUnitDoesNotCutTheBusOffForItsNeighbours() throws Exception {
        try (var line = VirtualSerialLine.open(dir)) {
            ModbusSlave slave = ModbusSlaveFactory.createSerialSlave(rtu(line.deviceEnd()));
            try {
                var radar = new SimpleProcessImage(1);
                for (int value : new int[] {0, 4380, 0, 3620}) {
                    radar.addRegister(new SimpleRegister(value));
                }
                slave.addProcessImage(1, radar); // unit 7 has no image: it never answers
                slave.open();
                // 8E1, the Modbus default; on a pty jSerialComm cannot open such a port again right after closing
                // it, so a link that closed the port on a silent unit would fail its neighbour here
                var settings = new SerialSettings(line.gatewayEnd().toString(), 9600, 8, "even", 1);
                var bus = new J2modSerialTransport(settings, 300, new Backoff(Duration.ofSeconds(1),
                        Duration.ofSeconds(8)), clock);
                try {
                    var live = new DevicePoller(new DeviceChannels("62001200", "radar-1"), 1, ReadPlan.of(RADAR),
                            bus.withTimeout(300), clock);
                    var dead = new DevicePoller(new DeviceChannels("62001200", "rain-7"), 7, ReadPlan.of(RAIN),
                            bus.withTimeout(300), clock);
                    await().atMost(Patience.LOCAL).until(live::poll, PollResult::commOk);

                    for (int round = 0; round < 5; round++) {
                        PollResult silent = dead.poll();
                        PollResult after = live.poll();

                        assertThat(silent.commFailure()).contains("TIMEOUT");
                        assertThat(after.commOk()).as("round %d: %s", round, after.commFailure()).isTrue();
                    }
                } finally {
                    bus.close();
                }
            } finally {
                ModbusSlaveFactory.close(slave);
            }
        }
    }

    @Test
    void aScanTriesOtherLineSettingsBetweenThePollsOfTheDevicesOnThePort() throws Exception {
        try (var line = VirtualSerialLine.open(dir)) {
            ModbusSlave slave = ModbusSlaveFactory.createSerialSlave(rtu(line.deviceEnd()));
            var endpoints = new Endpoints();
            ModbusDevice device = null;
            try {
                var radar = new SimpleProcessImage(1);
                for (int value : new int[] {0, 4380, 0, 3620}) {
                    radar.addRegister(new SimpleRegister(value));
                }
                slave.addProcessImage(1, radar);
                slave.open();
                var config = new java.util.HashMap<String, Object>(java.util.Map.of("deviceId", "radar-1",
                        "transport", "rtu", "serialPort", line.gatewayEnd().toString(), "unitId", 1,
                        "pollIntervalMs", 200L, "stationCode", "62001200", "profileId", "radar", "profile",
                        "{\"id\":\"radar\",\"maxBlockRegisters\":16,\"timeoutMillis\":500,\"points\":[{\"name\":"
                                + "\"water_level\",\"function\":3,\"address\":3,\"type\":\"UINT16\",\"scale\":1}]}"));
                device = new ModbusDevice(DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)),
                        java.time.Clock.systemUTC(), endpoints, new ModbusRegistry());
                device.start();
                ModbusDevice polling = device;
                await().atMost(Duration.ofSeconds(30)).until(() -> polling.diagnostics().answered() > 0);

                var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(new ModbusScanCommand(endpoints)
                        .handle(java.util.Map.of("link", line.gatewayEnd().toString(), "units", "1-2",
                                "timeoutMs", "300", "baudRates", "9600,19200")));

                // a pty passes bytes whatever the baud rate: unit 1 answers at both; what matters here is that the
                // port was reopened with each setting and the device's own settings came back for its polls
                assertThat(result.get("scans")).hasSize(2);
                assertThat(result.get("scans").get(1).get("line").asText()).endsWith("19200 8N1");
                assertThat(result.get("found").get(0).get("units").toString()).isEqualTo("[1]");
                long answered = device.diagnostics().answered();
                await().atMost(Duration.ofSeconds(30)).until(() -> polling.diagnostics().answered() > answered + 2);
            } finally {
                if (device != null) {
                    device.stop();
                }
                endpoints.closeAll();
                ModbusSlaveFactory.close(slave);
            }
        }
    }

    private static SerialParameters rtu(Path port) {
        var p = new SerialParameters();
        p.setPortName(port.toString());
        p.setBaudRate(9600);
        p.setDatabits(8);
        p.setParity("None");
        p.setStopbits(1);
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
    }
}
