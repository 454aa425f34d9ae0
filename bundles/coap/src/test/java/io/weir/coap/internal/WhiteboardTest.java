package io.weir.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.time.ClockStatus;
import io.weir.api.time.TimeTrust;

class WhiteboardTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void reportsTakenWhileTheClockIsNotSynchronisedGoOutUncertain() {
        var whiteboard = new Whiteboard();
        var delivered = new ArrayList<Reading>();
        whiteboard.add((ReadingListener) delivered::addAll);
        TimeTrust unsynced = new TimeTrust() {
            @Override
            public boolean synchronised() {
                return false;
            }

            @Override
            public ClockStatus status() {
                return new ClockStatus(false, "test", "", T0, null, 0);
            }
        };
        Reading level = Reading.good("62001300/cover-17/water_level", T0, 1.2, "m");

        whiteboard.trust(unsynced);
        assertThat(whiteboard.deliver("cover-17", List.of(level))).isTrue();
        whiteboard.distrust(unsynced);
        whiteboard.deliver("cover-17", List.of(level));

        assertThat(delivered).extracting(Reading::quality).containsExactly(Quality.UNCERTAIN, Quality.GOOD);
        assertThat(delivered.get(0).reason()).isEqualTo(QualityReason.CLOCK_UNSYNCED);
    }
}
