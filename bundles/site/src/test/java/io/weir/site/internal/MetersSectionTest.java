package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The site file's meters section with the meter profiles the project ships, mapped to ConfigAdmin. */
class MetersSectionTest {

    private static final Path SHIPPED = Path.of("../../device-profiles/profiles");

    @TempDir
    Path dir;

    private final SiteFileParser parser = new SiteFileParser(new ProfileDirectory(SHIPPED, new ProfileParser()));

    @Test
    void metersOnASerialPortAndBehindADeviceServerAreMapped() throws Exception {
        Parsed<SiteModel> parsed = parser.parse(TestFiles.resource("meters/site.yaml"));
        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper()).map(parsed.value().orElseThrow());
        var meter = find(targets, "io.weir.meterbus.meter~pump-meter").properties();
        assertThat(meter).containsEntry("protocol", "DLT645").containsEntry("address", "000102030425")
                .containsEntry("serialPort", "/dev/ttyUSB1").containsEntry("baudRate", 2400)
                .containsEntry("parity", "even").containsEntry("pollIntervalMs", 60000L)
                .containsEntry("stationCode", "62001400");
        assertThat(new ObjectMapper().readTree((String) meter.get("profile")).path("points").get(0).path("di")
                .asText()).isEqualTo("00010000");
        assertThat(find(targets, "io.weir.meterbus.meter~water-in").properties()).containsEntry("protocol", "CJT188")
                .containsEntry("meterType", 16).containsEntry("timeoutMs", 1500);
        assertThat(find(targets, "io.weir.meterbus.meter~water-out").properties()).containsEntry("host", "192.0.2.7")
                .containsEntry("port", 4001);
        var heat = find(targets, "io.weir.meterbus.meter~heat-station").properties();
        assertThat(heat).containsEntry("protocol", "CJT188").containsEntry("meterType", 0x20);
        assertThat(new ObjectMapper().readTree((String) heat.get("profile")).path("points").findValuesAsText("field"))
                .containsExactly("SETTLEMENT_HEAT", "CURRENT_HEAT", "HEAT_POWER", "FLOW_RATE", "CURRENT_FLOW",
                        "SUPPLY_TEMPERATURE", "RETURN_TEMPERATURE", "WORKING_HOURS", "VALVE_CLOSED", "BATTERY_LOW");
        assertThat(find(targets, "io.weir.rules.threshold~pump-overcurrent").properties())
                .containsEntry("channel", "62001400/pump-meter/current_a").containsEntry("unit", "A");
    }

    @Test
    void problemsNameTheLineAndField() throws Exception {
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, Files.readString(TestFiles.resource("meters/site.yaml"))
                .replace("address: \"000102030425\"", "address: \"0102030425\"")
                .replace("link: 192.0.2.7:4001", "link: 192.0.2.7"));
        assertThat(parser.parse(site).problems()).extracting(Problem::toString).containsExactly(
                "site.yaml:15: meters[0].address: '0102030425' is not 12 digits, as a dlt645 meter's nameplate"
                        + " prints it",
                "site.yaml:27: meters[2].link: '192.0.2.7' needs the device server's port: host:port");
    }

    private static TargetConfiguration find(List<TargetConfiguration> targets, String name) {
        return targets.stream().filter(t -> t.toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + targets));
    }
}
