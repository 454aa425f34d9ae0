package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.testing.Schemas;
import org.junit.jupiter.api.Test;

/** docs/schemas accept the examples of docs/protocol.md and refuse what the protocol forbids. */
class SchemasTest {
    private static final String SITE = "\"site\":{\"stationCode\":\"62001200\",\"name\":\"Yuxi River Station\","
            + "\"latitude\":30.2741,\"longitude\":120.1551}";
    private static final String BIRTH = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":true,"
            + "\"ts\":\"2026-11-21T08:00:00Z\",\"runtime\":{\"weir\":\"0.1.0\",\"framework\":\"org.eclipse.osgi 3.24.300\"},"
            + SITE + ",\"profiles\":[\"hlk-ld8001h\",\"rs485-tipping-bucket\"]}";
    private static final String TELEMETRY = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":1042,"
            + "\"sentAt\":\"2026-11-21T08:00:05Z\",\"readings\":["
            + "{\"channel\":\"62001200/radar-1/water_level\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":3.412,"
            + "\"unit\":\"m\",\"quality\":\"GOOD\"},"
            + "{\"channel\":\"62001200/rain-1/rain_counter\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":12.4,"
            + "\"unit\":\"mm\",\"quality\":\"BAD\",\"reason\":\"COMM_ERROR\"}]}";
    private static final String ALARM = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":1043,"
            + "\"sentAt\":\"2026-11-21T08:00:05Z\",\"events\":[{\"alarmId\":\"gw-yx-001:river-level:1\","
            + "\"ruleId\":\"river-level\",\"channels\":[\"62001200/radar-1/water_level\"],\"level\":\"YELLOW\","
            + "\"transition\":\"RAISED\",\"value\":3.52,\"threshold\":3.5,\"alarmSeq\":1,"
            + "\"ts\":\"2026-11-21T08:00:00Z\"," + SITE + "}]}";

    @Test
    void theStateExamplesOfTheProtocolAreValid() {
        assertThat(Schemas.validate("state", BIRTH)).isEmpty();
        assertThat(Schemas.validate("state",
                "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":false,\"reason\":\"connection-lost\"}")).isEmpty();
        assertThat(Schemas.validate("state", "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":false,"
                + "\"reason\":\"shutdown\",\"ts\":\"2026-11-21T09:00:00Z\"}")).isEmpty();
    }

    @Test
    void theAlarmExampleOfTheProtocolIsValidAndWindowsAreDurations() {
        assertThat(Schemas.validate("alarm", ALARM)).isEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"alarmSeq\":1", "\"window\":\"PT1H\",\"alarmSeq\":1")))
                .isEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"alarmSeq\":1", "\"window\":\"1 hour\",\"alarmSeq\":1")))
                .isNotEmpty();
    }

    @Test
    void theTelemetryExampleBreaksTheRuleThatABadReadingHasNoValue() {
        // docs/protocol.md's example gives its BAD reading a value although the text says the value is absent.
        assertThat(Schemas.validate("telemetry", TELEMETRY)).isNotEmpty();
        assertThat(Schemas.validate("telemetry", TELEMETRY.replace("\"value\":12.4,", ""))).isEmpty();
    }

    @Test
    void refusesWhatTheProtocolForbids() {
        assertThat(Schemas.validate("state", BIRTH.replace("\"v\":1", "\"v\":2"))).isNotEmpty();
        assertThat(Schemas.validate("state", BIRTH.replace("gw-yx-001", "gw/yx"))).isNotEmpty();
        assertThat(Schemas.validate("state", "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":false,"
                + "\"reason\":\"shutdown\"}")).as("a clean death carries ts").isNotEmpty();
        assertThat(Schemas.validate("state", "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":true}"))
                .as("a birth carries ts, runtime, site and profiles").isNotEmpty();
        String noReason = TELEMETRY.replace("\"value\":12.4,", "").replace(",\"reason\":\"COMM_ERROR\"", "");
        assertThat(Schemas.validate("telemetry", noReason)).as("a BAD reading says why").isNotEmpty();
        assertThat(Schemas.validate("telemetry", TELEMETRY.replace("\"value\":3.412,", "")))
                .as("a GOOD reading has a value").isNotEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"YELLOW\"", "\"PURPLE\""))).isNotEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"alarmSeq\":1", "\"alarmSeq\":0"))).isNotEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace(",\"longitude\":120.1551", "")))
                .as("a case needs the site's coordinates").isNotEmpty();
    }
}
