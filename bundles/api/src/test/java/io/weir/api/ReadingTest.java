package io.weir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ReadingTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void goodReadingExposesItsNumber() {
        assertThat(Reading.good("s/d/c", T, 3.5, "m").numeric()).hasValue(3.5);
        assertThat(new Reading("s/d/c", T, 7L, "", Quality.GOOD, null).numeric()).hasValue(7.0);
        assertThat(new Reading("s/d/c", T, true, "", Quality.GOOD, null).numeric()).isEmpty();
    }

    @Test
    void badReadingNeedsAReasonAndMayHaveNoValue() {
        assertThat(Reading.bad("s/d/c", T, "m", QualityReason.COMM_ERROR).value()).isNull();
        assertThatThrownBy(() -> new Reading("s/d/c", T, null, "m", Quality.BAD, null))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void rejectsValuesOfOtherTypesNamingTheChannel() {
        assertThatThrownBy(() -> new Reading("s/d/c", T, 3, "m", Quality.GOOD, null))
                .hasMessageContaining("s/d/c").hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> new Reading("s/d/c", T, null, "m", Quality.GOOD, null))
                .hasMessageContaining("no value");
    }

    @Test
    void siteRejectsAGatewayIdThatIsNotOneTopicLevel() {
        assertThatThrownBy(() -> new SiteInfo("gw/1", "62001200", "x", 30, 120))
                .hasMessageContaining("gw/1");
        assertThatThrownBy(() -> new SiteInfo("gw-1", "62001200", "x", 95, 120))
                .hasMessageContaining("latitude");
    }
}
