package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.testing.Configs;
import io.weir.testing.Patience;

/**
 * The modbus-write and modbus-diagnostics commands against a real j2mod Modbus TCP slave: each result a write can
 * have, the registers the slave ends up with, and the counts the device's diagnostics keep.
 */
class WriteCommandTest {

    // Holding 0: a set point in cm (uint16, scale 0.01); 1-2: a float32 limit in CDAB; 3: a register that takes
    // writes and keeps its value; 4: a plain reading; input 0 (not writable in Modbus); coil 0: a relay.
    static final String PROFILE = """
            {"id":"writable","manufacturer":"Weir","model":"Test","maxBlockRegisters":16,"timeoutMillis":300,
             "points":[
              {"name":"setpoint","function":3,"address":0,"type":"UINT16","scale":0.01,"unit":"m","writeFunction":6},
              {"scale":1,"name":"limit","function":3,"address":1,"type":"FLOAT32","wordOrder":"CDAB","unit":"m",
               "writeFunction":16},
              {"scale":1,"name":"stuck","function":3,"address":3,"type":"INT16","writeFunction":6},
              {"scale":1,"name":"plain","function":3,"address":4,"type":"UINT16"},
              {"scale":1,"name":"level","function":4,"address":0,"type":"UINT16"},
              {"scale":1,"name":"relay","function":1,"address":0,"type":"BIT","writeFunction":5},
              {"scale":1,"name":"missing","function":3,"address":40,"type":"UINT16","writeFunction":16}
             ]}""";

    private final ObjectMapper json = new ObjectMapper();
    private TestSlave slave;
    private Endpoints endpoints;
    private ModbusRegistry registry;
    private ModbusDevice device;
    private ModbusDevice silent;

    @BeforeEach
    void setUp() {
        slave = new TestSlave(new int[] {100, 0, 0, 7, 42}, new int[] {5}, Set.of()).withCoils(false)
                .withSilentUnit(9).start().withStuckRegister(3);
        endpoints = new Endpoints();
        registry = new ModbusRegistry();
        device = new ModbusDevice(options("gate-1", TestSlave.UNIT_ID), Clock.systemUTC(), endpoints, registry);
        device.start();
        await().atMost(Patience.LOCAL).until(() -> !device.diagnostics().state().equals("starting"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (silent != null) {
            silent.stop();
        }
        device.stop();
        endpoints.closeAll();
        slave.close();
    }

    private DeviceOptions options(String id, int unit) {
        var config = new HashMap<String, Object>(Map.of("deviceId", id, "host", "127.0.0.1", "port", slave.port(),
                "unitId", unit, "pollIntervalMs", 60_000L, "stationCode", "62001200", "profileId", "writable",
                "profile", PROFILE));
        return DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config));
    }

    private JsonNode write(String point, String value) throws Exception {
        var command = new ModbusWriteCommand(registry);
        return json.readTree(command.handle(Map.of("device", "gate-1", "point", point, "value", value)));
    }

    @Test
    void aScaledRegisterIsWrittenUnscaledAndVerified() throws Exception {
        JsonNode result = write("setpoint", "4.56");

        assertThat(result.get("result").asText()).isEqualTo("verified");
        assertThat(result.get("function").asInt()).isEqualTo(6);
        assertThat(result.get("written").asDouble()).isCloseTo(4.56, within(1e-9));
        assertThat(result.get("readBack").asDouble()).isCloseTo(4.56, within(1e-9));
        assertThat(slave.holding(0)).isEqualTo(456);
    }

    @Test
    void aFloatGoesOutInItsWordOrderWithFunction16() throws Exception {
        JsonNode result = write("limit", "12.5");

        assertThat(result.get("result").asText()).isEqualTo("verified");
        assertThat(result.get("function").asInt()).isEqualTo(16);
        int bits = Float.floatToIntBits(12.5f); // 0x41480000: CDAB sends the low word first
        assertThat(slave.holding(1)).isEqualTo(bits & 0xFFFF);
        assertThat(slave.holding(2)).isEqualTo(bits >>> 16);
    }

    @Test
    void aCoilIsSwitchedWithFunction5() throws Exception {
        JsonNode result = write("relay", "on");

        assertThat(result.get("result").asText()).isEqualTo("verified");
        assertThat(result.get("function").asInt()).isEqualTo(5);
        assertThat(slave.coil(0)).isTrue();
    }

    @Test
    void aRegisterThatKeepsItsValueIsReportedWithTheValueReadBack() throws Exception {
        JsonNode result = write("stuck", "-3");

        assertThat(result.get("result").asText()).isEqualTo("read-back-differs");
        assertThat(result.get("written").asDouble()).isEqualTo(-3.0);
        assertThat(result.get("readBack").asDouble()).isEqualTo(7.0);
    }

    @Test
    void aRefusalNamesTheModbusException() throws Exception {
        JsonNode result = write("missing", "1");

        assertThat(result.get("result").asText()).isEqualTo("refused");
        assertThat(result.get("exception").asText()).isEqualTo("ILLEGAL_DATA_ADDRESS");
    }

    @Test
    void valuesThatDoNotFitAndPointsThatCannotBeWrittenAreRefusedWithoutABusTransaction() throws Exception {
        long before = device.diagnostics().transactions();

        JsonNode tooBig = write("setpoint", "700"); // 70000 cm does not fit a uint16
        JsonNode notANumber = write("setpoint", "high");
        JsonNode input = write("level", "1");
        JsonNode plain = write("plain", "1");

        assertThat(tooBig.get("result").asText()).isEqualTo("out-of-range");
        assertThat(tooBig.get("detail").asText()).contains("70000", "0..65535", "0..655.35");
        assertThat(notANumber.get("result").asText()).isEqualTo("out-of-range");
        assertThat(input.get("result").asText()).isEqualTo("not-writable");
        assertThat(input.get("detail").asText()).contains("input register");
        assertThat(plain.get("result").asText()).isEqualTo("not-writable");
        assertThat(device.diagnostics().transactions()).isEqualTo(before);
    }

    @Test
    void aSilentDeviceTimesOut() throws Exception {
        silent = new ModbusDevice(options("gate-9", 9), Clock.systemUTC(), endpoints, registry);
        silent.start();

        JsonNode result = json.readTree(new ModbusWriteCommand(registry)
                .handle(Map.of("device", "gate-9", "point", "setpoint", "value", "1")));

        assertThat(result.get("result").asText()).isEqualTo("timeout");
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        var command = new ModbusWriteCommand(registry);

        assertThatThrownBy(() -> command.handle(Map.of("device", "nope", "point", "x", "value", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no modbus device 'nope'; devices: [gate-1]");
        assertThatThrownBy(() -> command.handle(Map.of("device", "gate-1", "point", "x", "value", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no point 'x'");
        assertThatThrownBy(() -> command.handle(Map.of("device", "gate-1", "point", "setpoint")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("argument 'value' is missing");
    }

    @Test
    void diagnosticsCountTransactionsExceptionsAndLatency() throws Exception {
        write("setpoint", "1.00");
        write("missing", "1");

        JsonNode one = json.readTree(new ModbusDiagnosticsCommand(registry).handle(Map.of("device", "gate-1")));
        JsonNode all = json.readTree(new ModbusStatus(registry).statusJson());

        // the first poll (2 register blocks + 1 coil block; the missing point is searched once) and the writes
        assertThat(one.get("device").asText()).isEqualTo("gate-1");
        assertThat(one.get("transactions").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(one.get("writes").asLong()).isEqualTo(2);
        assertThat(one.get("exceptions").get("ILLEGAL_DATA_ADDRESS").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(one.get("lastError").get("error").asText()).contains("ILLEGAL_DATA_ADDRESS");
        assertThat(one.get("latency").get("samples").asLong()).isEqualTo(one.get("answered").asLong());
        assertThat(one.get("latency").get("p50Ms").asDouble()).isPositive();
        assertThat(one.get("latency").get("p99Ms").asDouble())
                .isGreaterThanOrEqualTo(one.get("latency").get("p50Ms").asDouble());
        assertThat(all.get("endpoints")).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.get("link").asText()).isEqualTo("tcp://127.0.0.1:" + slave.port());
            assertThat(endpoint.get("devices")).singleElement()
                    .satisfies(d -> assertThat(d.get("device").asText()).isEqualTo("gate-1"));
        });
    }
}
