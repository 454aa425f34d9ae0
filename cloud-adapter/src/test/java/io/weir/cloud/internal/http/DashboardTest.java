package io.weir.cloud.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void numbersAreShownWithTheDecimalsTheGatewaySaid() {
        assertThat(Dashboard.number(229.8, 2)).isEqualTo("229.80");
        assertThat(Dashboard.number(87.0, 0)).isEqualTo("87");
        assertThat(Dashboard.number(4.6370000000000005, 3)).isEqualTo("4.637");
        assertThat(Dashboard.number(4.6370000000000005, null)).isEqualTo("4.6370000000000005");
    }
}
