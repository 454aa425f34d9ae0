package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Durations, Modbus addresses and broker URLs as a technician writes them. */
class ValueFormatsTest {

    @Test
    void durationsInShortAndIsoForm() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("PT0.25S")).isEqualTo(Duration.ofMillis(250));
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("5 s"));
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("-5s"));
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("PT-5S"));
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("P999999999999D"));
    }

    @Test
    void hostAndPort() {
        assertThat(HostPort.parse("127.0.0.1:5020")).isEqualTo(new HostPort("127.0.0.1", 5020));
        assertThat(HostPort.parse("plc-7.local")).isEqualTo(new HostPort("plc-7.local", HostPort.MODBUS_TCP_PORT));
        assertThat(HostPort.parse("[fe80::1]:502")).isEqualTo(new HostPort("fe80::1", 502));
        assertThat(HostPort.parse("[::1]")).isEqualTo(new HostPort("::1", 502));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse("::1"))
                .withMessageContaining("brackets");
        assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse("host:0"));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse("host:"));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse(":502"));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse("tcp://host:502"));
    }

    @Test
    void brokerUrls() {
        assertThat(BrokerUrl.check("tcp://127.0.0.1:1883")).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(BrokerUrl.check("ssl://broker.example")).isEqualTo("ssl://broker.example");
        assertThatIllegalArgumentException().isThrownBy(() -> BrokerUrl.check("mqtt://broker:1883"));
        assertThatIllegalArgumentException().isThrownBy(() -> BrokerUrl.check("tcp://broker:1883/path"));
        assertThatIllegalArgumentException().isThrownBy(() -> BrokerUrl.check("tcp://:1883"));
        assertThatIllegalArgumentException().isThrownBy(() -> BrokerUrl.check("broker:1883"));
    }
}
