package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/**
 * The profiles the project ships (device-profiles/profiles) pass this bundle's parser as well as the schema, so the
 * two cannot drift apart unnoticed. Surefire runs in bundles/site.
 */
class ShippedProfilesTest {

    private static final Path SHIPPED = Path.of("../../device-profiles/profiles");

    @Test
    void everyShippedProfileParses() throws IOException {
        assumeTrue(Files.isDirectory(SHIPPED), "device-profiles not beside this module");
        List<Path> files;
        try (Stream<Path> list = Files.list(SHIPPED)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(new ProfileParser().parse(file).problems()).as(file.toString()).isEmpty();
        }
    }

    @Test
    void radarGaugeReadsTheMeasurementsInMetres() {
        assumeTrue(Files.isDirectory(SHIPPED), "device-profiles not beside this module");
        DeviceProfile radar = new ProfileParser().parse(SHIPPED.resolve("hlk-ld8001h.yaml")).value().orElseThrow();

        assertThat(radar.points()).containsExactly(
                new Point("air_gap", 3, 0x0001, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m", 0, 0, 3),
                new Point("water_level", 3, 0x0003, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m", 0, 0, 3),
                new Point("installation_height", 3, 0x0005, DataType.UINT16, WordOrder.ABCD, 0.01, 0, "m", 0, 6, 2));
    }

    @Test
    void analogModuleTurnsFourAndTwentyMilliampsIntoTheEndsOfTheRange() {
        assumeTrue(Files.isDirectory(SHIPPED), "device-profiles not beside this module");
        Point level = new ProfileParser().parse(SHIPPED.resolve("generic-4-20ma-ai4.yaml")).value().orElseThrow()
                .points().get(0);

        // 0..20 mA is 0..4095 counts: 4 mA = 819 counts must read 0 m, 20 mA = 4095 counts 10 m
        assertThat(819 * level.scale() + level.offset()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(4095 * level.scale() + level.offset()).isCloseTo(10.0, org.assertj.core.api.Assertions.within(1e-4));
    }
}
