package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.DeviceProfiles;
import io.weir.testing.Configs;

/**
 * The technician's one-off requests against a real Modbus TCP slave: raw reads decoded every way, a profile's point
 * read once for a device not in the site file, and the hint a silent device gets.
 */
class CommissioningTest {

    // 229.8 as a float32 is 0x4365CCCD; this meter sends the low word first (CDAB), and 4637 counts of 1 mm
    private static final int[] HOLDING = {0xCCCD, 0x4365, 4637};
    private static final String PROFILE = "{\"id\":\"meter\",\"maxBlockRegisters\":16,\"timeoutMillis\":300,"
            + "\"firstRegister\":1,\"points\":[{\"name\":\"voltage\",\"function\":3,\"address\":0,\"type\":\"FLOAT32\","
            + "\"wordOrder\":\"CDAB\",\"scale\":1,\"decimals\":1}]}";

    private final ObjectMapper json = new ObjectMapper();
    private TestSlave slave;
    private Endpoints endpoints = new Endpoints();
    private final ModbusRegistry registry = new ModbusRegistry();
    private ModbusDevice device;
    private ModbusDevice other;

    @AfterEach
    void tearDown() throws InterruptedException {
        for (ModbusDevice d : new ModbusDevice[] {device, other}) {
            if (d != null) {
                d.stop();
            }
        }
        endpoints.closeAll();
        if (slave != null) {
            slave.close();
        }
    }

    @Test
    void aRawReadShowsTheWordsAndEveryDecodingSideBySide() throws Exception {
        slave = new TestSlave(HOLDING, new int[0], Set.of()).start();

        JsonNode read = json.readTree(new ModbusReadCommand(registry, endpoints).handle(Map.of(
                "link", "127.0.0.1:" + slave.port(), "unit", "1", "function", "3", "address", "1",
                "numbering", "one-based", "count", "3")));

        assertThat(read.get("outcome").asText()).isEqualTo("answered");
        assertThat(read.get("address").asInt()).isZero();
        assertThat(read.get("register").asText()).isEqualTo("1 [0]");
        assertThat(read.get("words").get(0).get("hex").asText()).isEqualTo("0xCCCD");
        assertThat(read.get("words").get(2).get("uint16").asInt()).isEqualTo(4637);
        JsonNode first = read.get("decodings").get(0);
        assertThat(first.get("float32").get("CDAB").asDouble()).isEqualTo(229.8);
        assertThat(first.get("float32").get("CDAB").toString()).isEqualTo("229.8");
        assertThat(first.get("float32").get("ABCD").asDouble()).isNotEqualTo(229.8);
        assertThat(first.has("float64")).as("three registers hold no 64-bit value").isFalse();
        assertThat(endpoints.openEndpoints()).as("the borrowed endpoint is given back").isZero();
    }

    @Test
    void aSilentUnitIsAnAnswerNotAnError() throws Exception {
        slave = new TestSlave(HOLDING, new int[0], Set.of()).withSilentUnit(9).start();

        JsonNode read = json.readTree(new ModbusReadCommand(registry, endpoints).handle(Map.of(
                "link", "tcp://127.0.0.1:" + slave.port(), "unit", "9", "address", "0", "timeoutMs", "200")));

        assertThat(read.get("outcome").asText()).isEqualTo("timeout");
        assertThatThrownBy(() -> new ModbusReadCommand(registry, endpoints).handle(Map.of("unit", "1",
                "address", "0"))).hasMessageContaining("argument 'link' is missing");
    }

    @Test
    void aProfilesPointIsReadOnceAsItWouldBePublishedBeforeTheDeviceIsInTheSiteFile() throws Exception {
        slave = new TestSlave(HOLDING, new int[0], Set.of()).start();
        var command = new ModbusReadPointCommand(registry, endpoints);
        command.setProfiles(new OneProfile(new ProfileParser().parse(PROFILE)));

        JsonNode read = json.readTree(command.handle(Map.of("profile", "meter", "link", "127.0.0.1:"
                + slave.port(), "unit", "1", "point", "voltage")));

        assertThat(read.get("value").toString()).isEqualTo("229.8");
        assertThat(read.get("decimals").asInt()).isEqualTo(1);
        assertThat(read.get("register").asText()).isEqualTo("1..2 [0..1]");
        assertThat(read.get("words").toString()).isEqualTo("[\"0xCCCD\",\"0x4365\"]");
        assertThat(read.get("quality").asText()).isEqualTo("GOOD");
        assertThatThrownBy(() -> command.handle(Map.of("profile", "meter", "link", "127.0.0.1:" + slave.port(),
                "unit", "1", "point", "current"))).hasMessageContaining("its points: [voltage]");
    }

    @Test
    void aDeviceThatDoesNotAnswerWhileItsNeighbourDoesIsToldToCheckItsUnitId() throws Exception {
        slave = new TestSlave(HOLDING, new int[0], Set.of()).withSilentUnit(7).start();
        device = device("meter-1", 1);
        other = device("meter-7", 7);
        device.start();
        other.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> other.diagnostics().hint() != null
                && other.diagnostics().hint().contains("unit 1 on"));

        assertThat(other.diagnostics().hint()).contains("check that unitId 7 is the address set in the device");
        assertThat(device.diagnostics().hint()).isNull();

        JsonNode read = json.readTree(new ModbusReadPointCommand(registry, endpoints).handle(Map.of(
                "device", "meter-1", "point", "voltage")));
        assertThat(read.get("value").asDouble()).isEqualTo(229.8);
        assertThat(read.get("device").asText()).isEqualTo("meter-1");
    }

    @Test
    void hintsFollowHowTheDeviceFails() {
        var tcp = options(Framing.TCP);
        assertThat(CommHints.of(ReadResult.CommFailure.Kind.TIMEOUT, 3, Set.of(), tcp))
                .contains("needs transport: rtu-over-tcp");
        assertThat(CommHints.of(ReadResult.CommFailure.Kind.TIMEOUT, 3, Set.of(1, 2), tcp))
                .startsWith("units 1, 2 on tcp://10.0.0.5:4001 answer but unit 3 does not");
        assertThat(CommHints.of(ReadResult.CommFailure.Kind.FRAMING, 3, Set.of(), options(Framing.RTU_OVER_TCP)))
                .contains("garbled").contains("line settings of rtu-over-tcp://10.0.0.5:4001");
        assertThat(CommHints.of(ReadResult.CommFailure.Kind.IO, 3, Set.of(), tcp)).isNull();
    }

    @Test
    void linksAreNamedAsTechniciansWriteThem() {
        var line = new SerialSettings("-", 19200, 8, "even", 1);
        assertThat(LinkSpec.parse("/dev/ttyUSB0", null, line).serial().toString()).isEqualTo("/dev/ttyUSB0 19200 8E1");
        assertThat(LinkSpec.parse("10.0.0.5", null, line).key()).isEqualTo("tcp://10.0.0.5:502");
        assertThat(LinkSpec.parse("10.0.0.5:4001", "rtu-over-tcp", line).key())
                .isEqualTo("rtu-over-tcp://10.0.0.5:4001");
        assertThat(LinkSpec.parse("rtu-over-tcp://10.0.0.5:4001", null, line).framing())
                .isEqualTo(Framing.RTU_OVER_TCP);
        assertThatThrownBy(() -> LinkSpec.parse("10.0.0.5:x", null, line)).hasMessageContaining("not a port");
        assertThat(new RegisterNames(1).block(new ReadBlock(4, 0, 2, List.of())))
                .isEqualTo("function 4 registers 1..2 [0..1]");
    }

    private ModbusDevice device(String id, int unit) {
        var config = new HashMap<String, Object>(Map.of("deviceId", id, "host", "127.0.0.1", "port", slave.port(),
                "unitId", unit, "pollIntervalMs", 200L, "stationCode", "62001200", "profileId", "meter",
                "profile", PROFILE));
        return new ModbusDevice(DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)), Clock.systemUTC(),
                endpoints, registry);
    }

    private static DeviceOptions options(Framing framing) {
        return new DeviceOptions("d", "10.0.0.5", 4001, 3, Duration.ofSeconds(1), "62001200", "p", "{}", framing,
                null);
    }

    /** The profile directory, holding one profile. */
    private record OneProfile(DeviceProfile profile) implements DeviceProfiles {
        OneProfile(ProfileParser.Outcome parsed) {
            this(((ProfileParser.Outcome.Parsed) parsed).profile());
        }

        @Override
        public SortedSet<String> ids() {
            return new TreeSet<>(Set.of(profile.id()));
        }

        @Override
        public DeviceProfile profile(String id) {
            if (!id.equals(profile.id())) {
                throw new IllegalArgumentException("no profile " + id);
            }
            return profile;
        }
    }
}
