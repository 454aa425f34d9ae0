package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.Quality;
import io.weir.api.Reading;
import io.weir.testing.Configs;
import io.weir.testing.Patience;

/**
 * Weir's acquisition against an independent Modbus implementation: pymodbus (Debian's python3-pymodbus) serving
 * test/resources/pymodbus_slave.py, over Modbus TCP and over RTU on a socat virtual serial pair. The same device
 * configuration is read through the whole stack (endpoint, poller, decoder) and written through the write command.
 */
class PymodbusInteropTest {

    // Every point of pymodbus_slave.py's unit 1; maxGap 8 bridges register 10, which pymodbus refuses.
    static final String PROFILE = """
            {"id":"pymodbus","manufacturer":"pymodbus","model":"3.0","maxBlockRegisters":64,"timeoutMillis":1000,
             "maxGap":8,"points":[
              {"name":"i16","function":3,"address":0,"type":"INT16","scale":1},
              {"name":"level","function":3,"address":1,"type":"UINT16","scale":0.001,"unit":"m"},
              {"name":"i32","function":3,"address":2,"type":"INT32","wordOrder":"ABCD","scale":1},
              {"name":"f32_cdab","function":3,"address":4,"type":"FLOAT32","wordOrder":"CDAB","scale":1},
              {"name":"u32_dcba","function":3,"address":6,"type":"UINT32","wordOrder":"DCBA","scale":1},
              {"name":"f32_badc","function":3,"address":8,"type":"FLOAT32","wordOrder":"BADC","scale":1},
              {"name":"f64","function":3,"address":11,"type":"FLOAT64","wordOrder":"ABCD","scale":1},
              {"name":"tag","function":3,"address":15,"type":"STRING","length":3,"scale":1},
              {"name":"setpoint","function":3,"address":18,"type":"UINT16","scale":0.01,"unit":"m","writeFunction":6},
              {"name":"temperature","function":4,"address":0,"type":"FLOAT32","wordOrder":"ABCD","scale":1},
              {"name":"relay","function":1,"address":2,"type":"BIT","scale":1}
             ]}""";

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void modbusTcp() throws Exception {
        try (var slave = PymodbusSlave.tcp(dir)) {
            acquireAndWrite(Map.of("transport", "tcp", "host", "127.0.0.1", "port", slave.port()), null);
        }
    }

    @Test
    void rtuOnAVirtualSerialLine() throws Exception {
        try (var line = VirtualSerialLine.open(dir); var slave = PymodbusSlave.rtu(dir, line.deviceEnd())) {
            acquireAndWrite(Map.of("transport", "rtu", "serialPort", line.gatewayEnd().toString(), "baudRate", 9600),
                    line.gatewayEnd().toString());
        }
    }

    /** Reads, writes, and when {@code scanLink} is given scans units 1-4 on it: pymodbus serves unit 1 only. */
    private void acquireAndWrite(Map<String, Object> link, String scanLink) throws Exception {
        var config = new HashMap<String, Object>(Map.of("deviceId", "py-1", "unitId", 1, "pollIntervalMs", 200L,
                "stationCode", "62001200", "profileId", "pymodbus", "profile", PROFILE));
        config.putAll(link);
        var endpoints = new Endpoints();
        var registry = new ModbusRegistry();
        var device = new ModbusDevice(DeviceOptions.from(Configs.of(ModbusDeviceConfig.class, config)),
                Clock.systemUTC(), endpoints, registry);
        List<List<Reading>> batches = new CopyOnWriteArrayList<>();
        device.addReadingListener(batches::add, Map.of());
        try {
            device.start();
            await().atMost(Patience.CHILD_PROCESS).until(() -> batches.stream().anyMatch(PymodbusInteropTest::allGood));
            Map<String, Object> values = batches.stream().filter(PymodbusInteropTest::allGood).findFirst()
                    .orElseThrow().stream().collect(Collectors.toMap(r -> r.channel().substring(r.channel().lastIndexOf('/') + 1), Reading::value));

            // unscaled integer types read as integers (published as 87, not 87.0)
            assertThat(values).containsEntry("i16", -1234L).containsEntry("i32", -123456789L)
                    .containsEntry("u32_dcba", 3_000_000_000L).containsEntry("f32_badc", -2.5)
                    .containsEntry("f64", 12345.678).containsEntry("tag", "WL-07")
                    .containsEntry("temperature", 21.5).containsEntry("relay", true);
            assertThat((Double) values.get("level")).isCloseTo(4.38, within(1e-9));
            assertThat((Double) values.get("f32_cdab")).isCloseTo(3.14159, within(1e-6));

            // the hole pymodbus refuses was found once; polls read around it since
            long exceptionsAfterSearch = device.diagnostics().exceptions().getOrDefault("ILLEGAL_DATA_ADDRESS", 0L);
            assertThat(exceptionsAfterSearch).isPositive();

            JsonNode write = json.readTree(new ModbusWriteCommand(registry)
                    .handle(Map.of("device", "py-1", "point", "setpoint", "value", "2.75")));
            assertThat(write.get("result").asText()).isEqualTo("verified");
            assertThat(write.get("readBack").asDouble()).isCloseTo(2.75, within(1e-9));

            int seen = batches.size();
            await().atMost(Patience.CHILD_PROCESS).until(() -> batches.size() > seen + 1);
            Map<String, Reading> last = batches.get(batches.size() - 1).stream()
                    .collect(Collectors.toMap(r -> r.channel().substring(r.channel().lastIndexOf('/') + 1), Function.identity()));
            assertThat(last.get("setpoint").numeric()).hasValueCloseTo(2.75, within(1e-9));
            assertThat(last.values()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));
            assertThat(device.diagnostics().exceptions().getOrDefault("ILLEGAL_DATA_ADDRESS", 0L))
                    .as("no refusal after the hole was learned").isEqualTo(exceptionsAfterSearch);

            if (scanLink != null) {
                JsonNode scan = json.readTree(new ModbusScanCommand(endpoints)
                        .handle(Map.of("link", scanLink, "units", "1-4", "timeoutMs", "150")));
                assertThat(scan.get("present")).singleElement().satisfies(u -> assertThat(u.asInt()).isEqualTo(1));
            }
        } finally {
            device.stop();
            endpoints.closeAll();
        }
    }

    private static boolean allGood(List<Reading> batch) {
        return batch.size() == 11 && batch.stream().allMatch(r -> r.quality() == Quality.GOOD);
    }
}
