package io.weir.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OsgiVersionTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1.0.0",
        "1.2, 1.2.0",
        "1.2.3, 1.2.3",
        "0.1.0.SNAPSHOT, 0.1.0.SNAPSHOT",
        "' 2.0.01.v2026_11-21 ', 2.0.1.v2026_11-21"})
    void parsesEveryFormTheSpecificationAllows(String text, String canonical) {
        assertThat(OsgiVersion.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                | a version must not be empty",
        "1.x               | '1.x' is not major[.minor[.micro[.qualifier]]]: 'x' is not a number",
        "1..2              | '1..2' is not major[.minor[.micro[.qualifier]]]: '' is not a number",
        "-1.0              | '-1.0' is not major[.minor[.micro[.qualifier]]]: '-1' is not a number",
        "1.0.0.            | '1.0.0.' ends with a dot but has no qualifier",
        "1.0.0.a.b         | qualifier 'a.b' may only hold letters, digits, '_' and '-'",
        "1.0.0-SNAPSHOT    | '1.0.0-SNAPSHOT' is not major[.minor[.micro[.qualifier]]]: '0-SNAPSHOT' is not a number",
        "99999999999       | '99999999999': 99999999999 is too large for a version number"})
    void refusesMalformedVersionsSayingWhy(String text, String message) {
        assertThatThrownBy(() -> OsgiVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void comparesNumbersAsNumbersAndQualifiersAsText() {
        assertThat(OsgiVersion.parse("1.10")).isGreaterThan(OsgiVersion.parse("1.9"));
        assertThat(OsgiVersion.parse("1.0.0.b")).isGreaterThan(OsgiVersion.parse("1.0.0.a"));
        assertThat(OsgiVersion.parse("1.0.0.a")).isGreaterThan(OsgiVersion.parse("1.0.0"));
        assertThat(OsgiVersion.parse("1")).isEqualTo(OsgiVersion.parse("1.0.0"));
    }
}
