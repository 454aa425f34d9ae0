package io.weir.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

    private static OsgiVersion v(String text) {
        return OsgiVersion.parse(text);
    }

    @Test
    void aHalfOpenRangeIncludesItsFloorButNotItsCeiling() {
        VersionRange range = VersionRange.parse("[1.0,2.0)");

        assertThat(range.includes(v("1.0.0"))).isTrue();
        assertThat(range.includes(v("1.9.9.z"))).isTrue();
        assertThat(range.includes(v("2.0.0"))).isFalse();
        assertThat(range.includes(v("0.9"))).isFalse();
        assertThat(range).hasToString("[1.0.0,2.0.0)");
    }

    @Test
    void anOpenFloorAndClosedCeilingAreHonoured() {
        VersionRange range = VersionRange.parse(" (1.0,1.5] ");

        assertThat(range.includes(v("1.0.0"))).isFalse();
        assertThat(range.includes(v("1.5.0"))).isTrue();
    }

    @Test
    void aBareVersionMeansThatVersionOrLater() {
        VersionRange range = VersionRange.parse("1.2");

        assertThat(range).isEqualTo(VersionRange.atLeast(v("1.2.0")));
        assertThat(range.includes(v("1.1.9"))).isFalse();
        assertThat(range.includes(v("99.0"))).isTrue();
        assertThat(range).hasToString("1.2.0");
    }

    @Test
    void refusesWhatIsNeitherAVersionNorARange() {
        assertThatThrownBy(() -> VersionRange.parse("[1.0;2.0)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'[1.0;2.0)' is neither a version nor a range like [1.0,2.0) or (1.0,2.0]");
        assertThatThrownBy(() -> VersionRange.parse("[1.0,2.x)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x' is not a number");
    }
}
