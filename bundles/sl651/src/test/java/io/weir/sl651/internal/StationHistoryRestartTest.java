package io.weir.sl651.internal;

import static io.weir.sl651.internal.ReporterConfigs.STATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.simulator.sl651.PeriodAnswer;
import io.weir.simulator.sl651.SimulatedCentre;

/**
 * What the station reported survives the end of its process: the first life ({@link StationFirstLife}) runs in a
 * JVM of its own that halts without closing anything; a reporter started here on the same data directory answers
 * the centre's period query (38H) with the first life's values.
 */
class StationHistoryRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theHistoryOfAHaltedProcessIsAnsweredByTheNextOne() throws Exception {
        try (var centre = SimulatedCentre.start("127.0.0.1", 0, 1)) {
            firstLife(centre.port());

            var clock = new MutableClock(Instant.parse("2026-07-18T02:00:00Z")); // 10:00 Beijing
            var reporter = new ReporterComponent(ReporterConfigs.of(List.of("1@127.0.0.1:" + centre.port())), dir,
                    clock, 64);
            reporter.start();
            try {
                await("a station connected").atMost(PATIENCE).until(centre::connected);
                centre.queryPeriod(STATION, 0x1234, 301, LocalDateTime.of(2026, 7, 18, 10, 0), "26071809",
                        "26071810", 5, 0x39, "Z");
                await("the period answer").atMost(PATIENCE).until(() -> answer(centre) != null);
                PeriodAnswer levels = PeriodAnswer.read(answer(centre));
                assertThat(levels.first()).isEqualTo(LocalDateTime.of(2026, 7, 18, 9, 0));
                assertThat(levels.values()).hasSize(13).last().isNull(); // 10:00 was not reached before the halt
                for (int k = 0; k < 12; k++) {
                    assertThat(levels.values().get(k)).isCloseTo(3.0 + k * 0.01, within(1e-9));
                }
            } finally {
                reporter.stop();
            }
        }
    }

    private void firstLife(int centrePort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("first-life.out");
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                StationFirstLife.class.getName(), dir.toString(), Integer.toString(centrePort))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the first life ends").isTrue();
        String output = Files.readString(out);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output.lines()).as(output).contains("kept");
    }

    private static SimulatedCentre.Received answer(SimulatedCentre centre) {
        return centre.received().stream().filter(r -> r.function() == 0x38 && r.serial() == 301).findFirst()
                .orElse(null);
    }
}
