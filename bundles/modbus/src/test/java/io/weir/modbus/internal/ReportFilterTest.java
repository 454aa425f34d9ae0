package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.profile.DataType;
import io.weir.api.profile.Deadband;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;
import io.weir.testing.TestClock;

/** Which readings go upstream, poll after poll, with time told by a clock the test moves. */
class ReportFilterTest {

    private static final DeviceChannels CHANNELS = new DeviceChannels("62001200", "meter-1");
    private static final String LEVEL = CHANNELS.channel("level");

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T08:00:00Z"));
    /** The decimals the readings carry, as the poller gives them the point's. */
    private Integer decimals;

    private static Point level(Deadband deadband, Duration heartbeat, Integer decimals) {
        return new Point("level", 3, 0, DataType.FLOAT32, WordOrder.ABCD, 1, 0, "m", 0, 0, decimals, deadband,
                heartbeat.toMillis());
    }

    private static ReportFilter filterOf(Point point) {
        return ReportFilter.of(List.of(point), CHANNELS);
    }

    /** Polls the values one second apart and returns those reported, as the device would deliver them. */
    private List<Object> poll(ReportFilter filter, Object... values) {
        var reported = new ArrayList<Object>();
        for (Object value : values) {
            clock.advance(Duration.ofSeconds(1));
            Reading reading = value == null ? Reading.bad(LEVEL, clock.instant(), "m", QualityReason.COMM_ERROR)
                    : new Reading(LEVEL, clock.instant(), value, "m", Quality.GOOD, null, decimals);
            List<Reading> selected = filter.select(List.of(reading));
            filter.reported(selected);
            selected.forEach(r -> reported.add(r.value() == null ? "BAD" : r.value()));
        }
        return reported;
    }

    @Test
    void aPointWithoutDeadbandOrHeartbeatReportsEveryReading() {
        var filter = filterOf(level(null, Duration.ZERO, null));

        assertThat(poll(filter, 1.0, 1.0, 1.0)).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void theFirstReadingIsReportedAndThenOnlyMovesBeyondAnAbsoluteBand() {
        var filter = filterOf(level(new Deadband(0.5, false), Duration.ZERO, null));

        // 2.25 is within 0.5 of 2; 2.75 is beyond; 3 is within 0.5 of 2.75; 2.25 is on the edge, which is not beyond
        assertThat(poll(filter, 2.0, 2.25, 2.75, 3.0, 2.25, 2.0)).containsExactly(2.0, 2.75, 2.0);
    }

    @Test
    void aPercentageBandIsTakenOfTheLastReportedValue() {
        var filter = filterOf(level(new Deadband(1, true), Duration.ZERO, null));

        // 1 % of 200 is 2: 201.9 stays in; 202.5 leaves; then 1 % of 202.5 is 2.025: 204.6 leaves, 204.4 not
        assertThat(poll(filter, 200.0, 201.9, 202.5, 204.4, 204.6)).containsExactly(200.0, 202.5, 204.6);
    }

    @Test
    void aPercentageOfZeroReportsAnyMoveAwayFromZero() {
        var filter = filterOf(level(new Deadband(5, true), Duration.ZERO, null));

        assertThat(poll(filter, 0.0, 0.0, 0.001)).containsExactly(0.0, 0.001);
    }

    @Test
    void theHeartbeatReportsAnUnchangedValueOnceItIsDue() {
        var filter = filterOf(level(new Deadband(0.5, false), Duration.ofSeconds(3), null));

        // one reading a second: reported at 1 s, suppressed at 2 s and 3 s, due again at 4 s, and so on
        assertThat(poll(filter, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0)).containsExactly(1.0, 1.3, 1.0);
    }

    @Test
    void aHeartbeatAloneReportsEveryChangeAndRepeatsOnlyWhenDue() {
        var filter = filterOf(level(null, Duration.ofSeconds(5), null));

        assertThat(poll(filter, 1.0, 1.0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5)).containsExactly(1.0, 1.5, 1.5);
    }

    @Test
    void badNewsAndRecoveryGoOutAtOnceButRepeatedBadNewsWaitsForTheHeartbeat() {
        var filter = filterOf(level(new Deadband(10, false), Duration.ofSeconds(3), null));

        assertThat(poll(filter, 1.0, null, null, null, null, 1.0, 1.0))
                .containsExactly(1.0, "BAD", "BAD", 1.0);
    }

    @Test
    void anUncertainReadingIsAQualityChange() {
        var filter = filterOf(level(new Deadband(10, false), Duration.ZERO, null));
        clock.advance(Duration.ofSeconds(1));
        Reading good = Reading.good(LEVEL, clock.instant(), 1.0, "m");
        filter.reported(filter.select(List.of(good)));
        clock.advance(Duration.ofSeconds(1));
        Reading uncertain = new Reading(LEVEL, clock.instant(), 1.0, "m", Quality.UNCERTAIN,
                QualityReason.CLOCK_UNSYNCED);

        assertThat(filter.select(List.of(uncertain))).containsExactly(uncertain);
    }

    @Test
    void valuesAreComparedAsPublishedWithTheirDecimals() {
        decimals = 1;
        var filter = filterOf(level(null, Duration.ofHours(1), decimals));

        // 229.8 and 229.8400001 both publish as 229.8; 229.86 publishes as 229.9
        assertThat(poll(filter, 229.8, 229.8400001, 229.86)).containsExactly(229.8, 229.86);
    }

    @Test
    void aClockSetBackReportsAtOnce() {
        var filter = filterOf(level(new Deadband(10, false), Duration.ofMinutes(5), null));
        assertThat(poll(filter, 1.0)).containsExactly(1.0);

        clock.set(clock.instant().minus(Duration.ofHours(1)));

        assertThat(poll(filter, 1.0)).containsExactly(1.0);
    }

    @Test
    void whatWasSelectedButNotRecordedIsJudgedAgainOnTheNextPoll() {
        var filter = filterOf(level(new Deadband(0.5, false), Duration.ZERO, null));
        assertThat(poll(filter, 1.0)).containsExactly(1.0);
        clock.advance(Duration.ofSeconds(1));
        Reading moved = Reading.good(LEVEL, clock.instant(), 2.0, "m");

        assertThat(filter.select(List.of(moved))).containsExactly(moved); // a full store refuses it: not recorded

        assertThat(poll(filter, 1.9)).containsExactly(1.9);
    }

    @Test
    void readingsOfOtherChannelsAreAllReported() {
        var filter = filterOf(level(new Deadband(10, false), Duration.ZERO, null));
        List<Reading> batch = List.of(Reading.good(CHANNELS.channel("flow"), clock.instant(), 1.0, "m3/h"),
                Reading.good(CHANNELS.channel("flow"), clock.instant(), 1.0, "m3/h"));

        assertThat(filter.select(batch)).isEqualTo(batch);
    }
}
