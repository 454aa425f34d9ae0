package io.weir.sl651.internal;

import static io.weir.sl651.internal.ReporterConfigs.LEVEL;
import static io.weir.sl651.internal.ReporterConfigs.RAIN;
import static io.weir.sl651.internal.ReporterConfigs.STATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.Reading;
import io.weir.simulator.sl651.PeriodAnswer;
import io.weir.simulator.sl651.SimulatedCentre;

/**
 * The gateway as a station keeps what it reported and answers a centre's period query (38H) from it: after a
 * restart, at the requested step, in several packets when the answer is longer than a frame takes (the packet limit
 * lowered here so a short history needs several), all put back together by the simulator's centre, which is written
 * apart from this bundle. A range without data is answered with points without data; a malformed query is refused,
 * counted and leaves the reporting alone.
 */
class StationHistoryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int PASSWORD = 0x1234;
    private static final LocalDateTime SENT = LocalDateTime.of(2026, 7, 18, 10, 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-18T00:55:00Z")); // 08:55 Beijing
    private SimulatedCentre centre;
    private ReporterComponent reporter;

    @AfterEach
    void close() throws Exception {
        if (reporter != null) {
            reporter.stop();
        }
        if (centre != null) {
            centre.close();
        }
    }

    private ReporterComponent reporter(String options) throws Exception {
        var r = new ReporterComponent(ReporterConfigs.of(List.of("1@127.0.0.1:" + centre.port() + options)), dir,
                clock, 64);
        r.start();
        return r;
    }

    /** Twelve boundaries, 09:00 to 09:55: the level 3.000, 3.010 ... 3.110 and 0.5 mm of rain in each. */
    private void reportAnHour() throws Exception {
        reporter.tick(); // 08:55: the first boundary
        for (int k = 0; k < 12; k++) {
            Instant at = clock.instant().plusSeconds(60);
            reporter.onReadings(List.of(Reading.good(LEVEL, at, 3.0 + k * 0.01, "m"),
                    Reading.good(RAIN, at, 0.5, "mm")));
            clock.advance(Duration.ofMinutes(5));
            reporter.tick();
        }
        await("the hour's reports delivered").atMost(PATIENCE).until(() -> reporter.outbox().waiting(0) == 0);
    }

    private PeriodAnswer query(int serial, String start, String end, int stepMinutes, int element, String mnemonic)
            throws Exception {
        await("a station connected").atMost(PATIENCE).until(centre::connected);
        centre.queryPeriod(STATION, PASSWORD, serial, SENT, start, end, stepMinutes, element, mnemonic);
        await("the period answer").atMost(PATIENCE).until(() -> answer(serial) != null);
        return PeriodAnswer.read(answer(serial));
    }

    private SimulatedCentre.Received answer(int serial) {
        return centre.received().stream().filter(r -> r.function() == 0x38 && r.serial() == serial).findFirst()
                .orElse(null);
    }

    @Test
    void theHistoryOutlivesARestartAndComesInSeveralPacketsAtTheRequestedStep() throws Exception {
        centre = SimulatedCentre.start("127.0.0.1", 0, 1);
        reporter = reporter("");
        reportAnHour();
        reporter.stop(); // a real restart: new outbox, history and links on the same file
        reporter = null;
        reporter = reporter("");

        PeriodAnswer levels = query(101, "26071809", "26071810", 5, 0x39, "Z");
        assertThat(answer(101).packets()).isGreaterThan(1);
        assertThat(levels.station()).isEqualTo(STATION);
        assertThat(levels.first()).isEqualTo(LocalDateTime.of(2026, 7, 18, 9, 0));
        assertThat(levels.stepMinutes()).isEqualTo(5);
        var expected = new ArrayList<Double>();
        for (int k = 0; k < 12; k++) {
            expected.add(3.0 + k * 0.01);
        }
        expected.add(null); // 10:00 was never reached
        assertThat(levels.values()).hasSize(13);
        for (int k = 0; k < 12; k++) {
            assertThat(levels.values().get(k)).isCloseTo(expected.get(k), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(levels.values().get(12)).isNull();

        PeriodAnswer rain = query(102, "26071809", "26071810", 15, 0x22, "PN05");
        assertThat(rain.values()).containsExactly(0.5, 1.5, 1.5, 1.5, 1.0); // 09:00 alone, then three intervals each
    }

    @Test
    void anAsciiCentreGetsItsSeriesAsText() throws Exception {
        centre = SimulatedCentre.start("127.0.0.1", 0, 1);
        reporter = reporter(" ascii");
        reportAnHour(); // the centre now speaks ASCII, as the station did

        PeriodAnswer levels = query(103, "26071809", "26071810", 30, 0x39, "Z");
        assertThat(answer(103).ascii()).isTrue();
        assertThat(answer(103).packets()).isGreaterThan(1);
        assertThat(levels.stepMinutes()).isEqualTo(30);
        assertThat(levels.element()).isEqualTo("Z");
        assertThat(levels.values()).containsExactly(3.0, 3.06, null);
    }

    @Test
    void aRangeWithoutDataIsAnsweredWithPointsWithoutData() throws Exception {
        centre = SimulatedCentre.start("127.0.0.1", 0, 1);
        reporter = reporter("");
        reportAnHour();

        PeriodAnswer before = query(104, "26070100", "26070102", 60, 0x39, "Z");
        assertThat(before.values()).containsExactly(null, null, null);
        assertThat(reporter.links().get(0).refusedRequests()).isZero();
    }

    @Test
    void aMalformedQueryIsRefusedCountedAndTheReportsGoOn() throws Exception {
        centre = SimulatedCentre.start("127.0.0.1", 0, 1);
        reporter = reporter("");
        reportAnHour();
        await("a station connected").atMost(PATIENCE).until(centre::connected);

        centre.queryPeriod(STATION, PASSWORD, 201, SENT, "26139900", "26071810", 5, 0x39, "Z"); // month 13
        centre.queryPeriod(STATION, PASSWORD, 202, SENT, "26071810", "26071809", 5, 0x39, "Z"); // end before start
        centre.queryPeriod(STATION, PASSWORD, 203, SENT, "26071809", "26071810", 5, 0x3B, "ZU"); // not kept here
        await("three refusals counted").atMost(PATIENCE)
                .until(() -> reporter.links().get(0).refusedRequests() == 3);
        assertThat(new ObjectMapper().readTree(reporter.statusJson()).path("centres").path(0)
                .path("refusedRequests").asLong()).isEqualTo(3);

        int before = centre.received().size();
        reporter.onReadings(List.of(Reading.good(LEVEL, clock.instant().plusSeconds(60), 4.0, "m")));
        clock.advance(Duration.ofMinutes(5)); // 10:00: timed and hourly reports
        reporter.tick();
        await("the next reports delivered").atMost(PATIENCE).until(() -> reporter.outbox().waiting(0) == 0);
        assertThat(centre.received().subList(before, centre.received().size()))
                .extracting(SimulatedCentre.Received::function).contains(0x32, 0x34).doesNotContain(0x38);
        assertThat(query(204, "26071810", "26071810", 5, 0x39, "Z").values()).containsExactly(4.0);
    }

    @Test
    void rowsOlderThanTheRetentionArePruned() throws Exception {
        try (var history = new StationHistory(dir.resolve("h.db"), Duration.ofDays(30))) {
            Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
            history.keep(t0, Map.of(0x39, 1.0));
            history.keep(t0.plus(Duration.ofDays(30)), Map.of(0x39, 2.0));
            assertThat(history.between(0x39, t0, t0.plus(Duration.ofDays(31))).values()).containsExactly(1.0, 2.0);
            history.keep(t0.plus(Duration.ofDays(30)).plusSeconds(300), Map.of(0x39, 3.0));
            assertThat(history.between(0x39, t0, t0.plus(Duration.ofDays(31))).values()).containsExactly(2.0, 3.0);
        }
    }
}
