package io.weir.sl651.internal;

import static io.weir.sl651.internal.ReporterConfigs.LEVEL;
import static io.weir.sl651.internal.ReporterConfigs.RAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.Reading;
import io.weir.simulator.sl651.SimulatedCentre;

/**
 * The gateway as an SL 651 station reporting to two centres (the simulator's, written apart from this bundle):
 * added, timed and hourly reports at the 5-minute boundaries; a centre that does not acknowledge gets every report
 * later, also after the gateway restarts; the centre's real-time query is answered.
 */
class StationReportingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-18T00:55:00Z")); // 08:55 Beijing
    private SimulatedCentre a;
    private SimulatedCentre b;
    private ReporterComponent reporter;

    @AfterEach
    void close() throws Exception {
        if (reporter != null) {
            reporter.stop();
        }
        a.close();
        b.close();
    }

    private ReporterComponent reporter() throws Exception {
        var r = new ReporterComponent(ReporterConfigs.of(List.of("1@127.0.0.1:" + a.port(), "2@127.0.0.1:" + b.port())), dir,
                clock);
        r.start();
        return r;
    }

    @Test
    void reportsReachBothCentresAndWaitForTheOneThatDoesNotAnswer() throws Exception {
        a = SimulatedCentre.start("127.0.0.1", 0, 1);
        b = SimulatedCentre.start("127.0.0.1", 0, 2);
        b.silent(true);
        reporter = reporter();
        reporter.tick(); // 08:55: the first boundary
        reporter.onReadings(List.of(Reading.good(RAIN, Instant.parse("2026-07-18T00:56:30Z"), 0.5, "mm"),
                Reading.good(RAIN, Instant.parse("2026-07-18T01:00:00Z"), 1.0, "mm"),
                Reading.good(LEVEL, Instant.parse("2026-07-18T00:59:00Z"), 3.215, "m")));
        clock.advance(Duration.ofMinutes(5)); // 09:00: added (rain), timed (hourly interval) and hourly reports
        reporter.tick();

        await("three reports at centre 1").atMost(PATIENCE).until(() -> a.received().size() >= 3);
        assertThat(a.received()).extracting(SimulatedCentre.Received::function).containsExactly(0x33, 0x32, 0x34);
        Report hourly = ReportParser.parse(FrameCodec.decode(a.received().get(2).frame()));
        assertThat(hourly.values()).filteredOn(v -> v.spec().mnemonic().equals("DRP"))
                .extracting(Report.Value::observedAt, Report.Value::value).endsWith(
                        tuple(LocalDateTime.of(2026, 7, 18, 8, 55), 0.0),
                        tuple(LocalDateTime.of(2026, 7, 18, 9, 0), 1.5));
        assertThat(hourly.values()).extracting(v -> v.spec().mnemonic(), Report.Value::value)
                .contains(tuple("PT", 1.5), tuple("Z", 3.215));
        await("centre 1's outbox empty").atMost(PATIENCE).until(() -> reporter.outbox().waiting(0) == 0);
        assertThat(reporter.outbox().waiting(1)).isEqualTo(3);

        // the gateway restarts while centre 2 still does not answer; then centre 2 comes back
        reporter.stop();
        reporter = null;
        b.silent(false);
        reporter = reporter();
        await("centre 2 gets the three reports it missed").atMost(PATIENCE)
                .until(() -> reporter.outbox().waiting(1) == 0);
        assertThat(b.received().stream().map(SimulatedCentre.Received::serial).distinct().toList())
                .hasSize(3);
    }

    /** Both centres running, the gateway reporting to them, a water level read, the link to centre 1 up. */
    private void reportingALevelOf(double level) throws Exception {
        a = SimulatedCentre.start("127.0.0.1", 0, 1);
        b = SimulatedCentre.start("127.0.0.1", 0, 2);
        reporter = reporter();
        reporter.onReadings(List.of(Reading.good(LEVEL, clock.instant(), level, "m")));
        await("connected").atMost(PATIENCE).until(() -> reporter.links().get(0).connected());
    }

    @Test
    void theCentresRealTimeQueryIsAnswered() throws Exception {
        reportingALevelOf(2.5);
        await("the query answered").atMost(PATIENCE).until(() -> {
            a.request("0062001200", 0x1234, 0x37, 77, LocalDateTime.of(2026, 7, 18, 8, 55));
            return a.received().stream().anyMatch(r -> r.function() == 0x37 && r.serial() == 77);
        });
        var answer = a.received().stream().filter(r -> r.function() == 0x37).findFirst().orElseThrow();
        assertThat(ReportParser.parse(FrameCodec.decode(answer.frame())).values())
                .extracting(v -> v.spec().mnemonic(), Report.Value::value).containsExactly(tuple("Z", 2.5));
    }

    @Test
    void theCentresQueryOfSpecifiedElementsIsAnsweredWithThoseItMaps() throws Exception {
        reportingALevelOf(2.5);
        await("centre 1 sees the station").atMost(PATIENCE).until(a::connected);
        var asked = new java.util.LinkedHashMap<Integer, String>();
        asked.put(0x3B, "ZU"); // not mapped here: left out of the answer
        asked.put(0x39, "Z");
        a.queryElements("0062001200", 0x1234, 79, LocalDateTime.of(2026, 7, 18, 8, 55), asked);
        await("the query answered").atMost(PATIENCE)
                .until(() -> a.received().stream().anyMatch(r -> r.function() == 0x3A && r.serial() == 79));
        var answer = a.received().stream().filter(r -> r.function() == 0x3A).findFirst().orElseThrow();
        assertThat(ReportParser.parse(FrameCodec.decode(answer.frame())).values())
                .extracting(v -> v.spec().mnemonic(), Report.Value::value).containsExactly(tuple("Z", 2.5));

        a.queryElements("0062001200", 0x1234, 80, LocalDateTime.of(2026, 7, 18, 8, 55), java.util.Map.of(0x3B, "ZU"));
        await("a query of nothing mapped refused").atMost(PATIENCE)
                .until(() -> reporter.links().get(0).refusedRequests() == 1);
    }

    @Test
    void theCentresClockSetIsAnsweredWithOurOwnTimeAndItsDifferenceShown() throws Exception {
        a = SimulatedCentre.start("127.0.0.1", 0, 1);
        b = SimulatedCentre.start("127.0.0.1", 0, 2);
        reporter = reporter();
        await("connected").atMost(PATIENCE).until(() -> reporter.links().get(0).connected());
        LocalDateTime ours = LocalDateTime.of(2026, 7, 18, 8, 55); // the clock's 00:55 UTC, in Beijing time
        a.request("0062001200", 0x1234, 0x4A, 78, ours.plusSeconds(90)); // the centre's clock is 90 s ahead
        await("the clock set answered").atMost(PATIENCE)
                .until(() -> a.received().stream().anyMatch(r -> r.function() == 0x4A && r.serial() == 78));

        var answer = a.received().stream().filter(r -> r.function() == 0x4A).findFirst().orElseThrow();
        Frame frame = FrameCodec.decode(answer.frame());
        assertThat(frame.down()).isFalse();
        assertThat(ReportParser.header(frame).sent()).isEqualTo(ours); // our time, not the one asked for
        byte[] body = frame.body();
        assertThat(Arrays.copyOfRange(body, 8, body.length)).containsExactly(0xF1, 0xF1, 0x00, 0x62, 0x00, 0x12, 0x00);
        assertThat(reporter.links().get(0).clockCheck()).get()
                .extracting(CentreLink.ClockCheck::centreAheadSeconds).isEqualTo(90L);
        assertThat(new ObjectMapper().readTree(reporter.statusJson()).path("centres").path(0)
                .path("clockOffsetSeconds").asLong()).isEqualTo(90);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-07-18T00:55:00Z"));
    }

    @Test
    void anAsciiCentreGetsAsciiReportsItsOwnCodeReadsAndAcknowledges() throws Exception {
        a = SimulatedCentre.start("127.0.0.1", 0, 1);
        b = SimulatedCentre.start("127.0.0.1", 0, 2);
        reporter = new ReporterComponent(ReporterConfigs.of(List.of("1@127.0.0.1:" + a.port() + " ascii",
                "2@127.0.0.1:" + b.port())), dir, clock);
        reporter.start();
        reporter.tick();
        reporter.onReadings(List.of(Reading.good(RAIN, Instant.parse("2026-07-18T00:58:00Z"), 1.5, "mm"),
                Reading.good(LEVEL, Instant.parse("2026-07-18T00:59:00Z"), -0.125, "m")));
        clock.advance(Duration.ofMinutes(5));
        reporter.tick();

        await("both centres acknowledged all three reports").atMost(PATIENCE)
                .until(() -> reporter.outbox().waiting(0) == 0 && reporter.outbox().waiting(1) == 0);
        // the simulator (written apart from this bundle) kept only frames whose CRC it checked itself
        assertThat(a.received()).extracting(SimulatedCentre.Received::ascii).containsOnly(true).hasSize(3);
        assertThat(b.received()).extracting(SimulatedCentre.Received::ascii).containsOnly(false).hasSize(3);
        byte[] wire = a.received().get(1).frame();
        assertThat(wire[0]).isEqualTo((byte) 0x01);
        assertThat(io.weir.simulator.sl651.RtuFrames.crcHolds(wire)).isTrue();
        Frame timed = FrameCodec.decode(wire);
        assertThat(timed.encoding()).isEqualTo(Encoding.ASCII);
        assertThat(timed.station()).isEqualTo("0062001200");
        assertThat(timed.function()).isEqualTo(FunctionCodes.TIMED);
        Report report = ReportParser.parse(timed);
        assertThat(report.station()).isEqualTo("0062001200");
        assertThat(report.stationType()).isEqualTo('H');
        assertThat(report.values()).extracting(v -> v.spec().mnemonic(), Report.Value::observedAt,
                Report.Value::value).containsExactly(
                        tuple("PN05", LocalDateTime.of(2026, 7, 18, 9, 0), 1.5),
                        tuple("PT", LocalDateTime.of(2026, 7, 18, 9, 0), 1.5),
                        tuple("Z", LocalDateTime.of(2026, 7, 18, 9, 0), -0.125));
        // the same report, same serial number, went to the HEX centre in HEX
        Report hex = ReportParser.parse(FrameCodec.decode(b.received().get(1).frame()));
        assertThat(hex.serial()).isEqualTo(report.serial());
        assertThat(hex.values()).isEqualTo(report.values());
    }
}
