package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Devices on the gateway's own RS-485 port: transport rtu with a serial block instead of an address. */
class SerialDeviceTest {

    private static final String HEAD = """
            gateway: {id: gw-1}
            site: {stationCode: "62001200", name: n, latitude: 1, longitude: 2}
            uplink: {broker: "tcp://h"}
            devices:
            """;

    @TempDir
    Path dir;

    private Parsed<SiteModel> parse(String devices) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, HEAD + devices);
        return TestFiles.parserFor("good").parse(file);
    }

    @Test
    void anRtuDeviceTakesItsLineWith9600EightNoneOneByDefault() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: rain-1
                    profile: rs485-tipping-bucket
                    transport: rtu
                    serial: {port: /dev/ttyUSB0, parity: even}
                    unitId: 2
                    pollInterval: 1m
                """);

        assertThat(parsed.problems()).isEmpty();
        Device rain = parsed.value().orElseThrow().devices().get(0);
        assertThat(rain.serial()).isEqualTo(new SerialLine("/dev/ttyUSB0", 9600, 8, "even", 1));

        Map<String, Object> config = new ConfigurationMapper(new ObjectMapper())
                .map(parsed.value().orElseThrow()).get(2).properties();
        assertThat(config).contains(entry("transport", "rtu"), entry("serialPort", "/dev/ttyUSB0"),
                entry("baudRate", 9600), entry("dataBits", 8), entry("parity", "even"), entry("stopBits", 1));
        assertThat(config).doesNotContainKeys("host", "port");
    }

    @Test
    void everyMistakeInTheLineIsNamedAtItsLine() throws IOException {
        assertThat(parse("""
                  - id: rain-1
                    profile: rs485-tipping-bucket
                    transport: rtu
                    address: 10.0.0.7:502
                    serial: {port: /dev/ttyUSB0, baudRate: 9601, dataBits: 9, parity: mark, stopBits: 3}
                    unitId: 2
                    pollInterval: 1m
                """).problems()).extracting(Problem::toString).containsExactlyInAnyOrderElementsOf(List.of(
                "site.yaml:8: devices[0].address: is not used with transport rtu; give the line under serial",
                "site.yaml:9: devices[0].serial.baudRate: 9601 is not one of [1200, 2400, 4800, 9600, 14400, 19200,"
                        + " 38400, 57600, 115200]",
                "site.yaml:9: devices[0].serial.dataBits: 9 is not one of [7, 8]",
                "site.yaml:9: devices[0].serial.parity: 'mark' is not one of none, even, odd",
                "site.yaml:9: devices[0].serial.stopBits: 3 is not one of [1, 2]"));
    }

    @Test
    void anRtuDeviceWithoutItsLineIsRefused() throws IOException {
        assertThat(parse("""
                  - id: rain-1
                    profile: rs485-tipping-bucket
                    transport: rtu
                    unitId: 2
                    pollInterval: 1m
                """).problems()).extracting(Problem::toString)
                .containsExactly("site.yaml:5: devices[0].serial: is required");
    }
}
