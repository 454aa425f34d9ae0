package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class HydrologicalDayTest {

    @Test
    void theTotalRestartsAt0800LocalTime() {
        var day = new HydrologicalDay(ZoneId.of("Asia/Shanghai"));
        day.add(Instant.parse("2021-07-20T00:30:00Z"), 1000); // 08:30 local, 20 July
        day.add(Instant.parse("2021-07-20T23:59:00Z"), 2000); // 07:59 local, 21 July: still the 20th's day
        assertThat(day.total()).isEqualTo(3000);

        day.advanceTo(Instant.parse("2021-07-21T00:00:00Z")); // 08:00 local
        assertThat(day.total()).isZero();
        day.add(Instant.parse("2021-07-20T23:58:00Z"), 500); // late for a closed day: not in the new one
        assertThat(day.total()).isZero();
    }
}
