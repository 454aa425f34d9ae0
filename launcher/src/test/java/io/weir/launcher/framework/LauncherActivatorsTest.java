package io.weir.launcher.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LauncherActivatorsTest {

    @Test
    void theStopTimeoutIsAPositiveNumberOfSecondsOrTheDefault() {
        assertThat(CleanStop.timeout(null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CleanStop.timeout(" 12 ")).isEqualTo(Duration.ofSeconds(12));
        assertThat(CleanStop.timeout("0")).isEqualTo(Duration.ofSeconds(30));
        assertThat(CleanStop.timeout("soon")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theWatchdogIsFedThreeTimesPerInterval() {
        assertThat(SystemdWatchdog.interval("90000000")).contains(Duration.ofSeconds(30));
        assertThat(SystemdWatchdog.interval("1500000")).contains(Duration.ofSeconds(1));
        assertThat(SystemdWatchdog.interval(null)).isEmpty();
        assertThat(SystemdWatchdog.interval("0")).isEmpty();
    }
}
