package io.weir.sl651.internal;

import static io.weir.sl651.internal.ReporterConfigs.LEVEL;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.weir.api.Reading;

/**
 * The first life of {@link StationHistoryRestartTest}, in a JVM of its own: the station reports the levels 3.000,
 * 3.010 ... 3.110 at the twelve boundaries from 09:00 to 09:55 (Beijing) into the data directory, then the JVM halts
 * without closing anything, as a power cut ends it. Arguments: the data directory, the centre's port.
 */
public final class StationFirstLife {

    private StationFirstLife() {
    }

    public static void main(String[] args) throws Exception {
        var clock = new MutableClock(Instant.parse("2026-07-18T00:55:00Z"));
        var reporter = new ReporterComponent(ReporterConfigs.of(List.of("1@127.0.0.1:" + args[1])), Path.of(args[0]),
                clock, 64);
        reporter.start();
        reporter.tick(); // 08:55: the first boundary
        for (int k = 0; k < 12; k++) {
            reporter.onReadings(List.of(Reading.good(LEVEL, clock.instant().plusSeconds(60), 3.0 + k * 0.01, "m")));
            clock.advance(Duration.ofMinutes(5));
            reporter.tick();
        }
        System.out.println("kept");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
