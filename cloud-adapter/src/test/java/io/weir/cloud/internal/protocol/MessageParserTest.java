package io.weir.cloud.internal.protocol;

import static io.weir.cloud.testing.Payloads.LEVEL_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.cloud.testing.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageParserTest {
    private final MessageParser parser = new MessageParser();

    private InboundMessage parse(String topic, String payload) throws PayloadException {
        return parser.parse(Topic.parse(topic), payload.getBytes(StandardCharsets.UTF_8));
    }

    private PayloadException rejection(String topic, String payload) {
        try {
            parse(topic, payload);
        } catch (PayloadException e) {
            return e;
        }
        throw new AssertionError("expected a rejection of " + payload);
    }

    @Test
    void readsTelemetryWithGoodAndBadReadings() throws Exception {
        String payload = Payloads.telemetry("gw-1", 1042,
                Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z", 3.412, "m"),
                Payloads.badReading(Payloads.RAIN_CHANNEL, "2026-11-21T08:00:00Z", "COMM_ERROR"));

        TelemetryMessage message = (TelemetryMessage) parse("weir/v1/gw-1/telemetry", payload);

        assertThat(message.seq()).isEqualTo(1042);
        assertThat(message.readings()).hasSize(2);
        assertThat(message.readings().get(0).value()).isEqualTo(3.412);
        assertThat(message.readings().get(0).ts()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(message.readings().get(1).value()).isNull();
        assertThat(message.readings().get(1).reason()).isEqualTo(QualityReason.COMM_ERROR);
    }

    @Test
    void aReadingKeepsTheDecimalsItIsReadWithAndAnIntegerReadsAsOne() throws Exception {
        var voltage = new java.util.LinkedHashMap<String, Object>(Payloads.reading(LEVEL_CHANNEL,
                "2026-11-21T08:00:00Z", 229.8, "V"));
        voltage.put("decimals", 1);
        var count = new java.util.LinkedHashMap<String, Object>(Payloads.reading(Payloads.RAIN_CHANNEL,
                "2026-11-21T08:00:00Z", 87L, "tips"));
        String payload = Payloads.telemetry("gw-1", 1, voltage, count);

        TelemetryMessage message = (TelemetryMessage) parse("weir/v1/gw-1/telemetry", payload);

        assertThat(message.readings().get(0).decimals()).isEqualTo(1);
        assertThat(message.readings().get(1).decimals()).isZero();
    }

    @Test
    void compactTelemetryReadsIntoTheSameReadingsAsJson() throws Exception {
        var voltage = new java.util.LinkedHashMap<String, Object>(Payloads.reading(LEVEL_CHANNEL,
                "2026-11-21T08:00:00.000250Z", 229.8, "V"));
        voltage.put("decimals", 1);
        var later = new java.util.LinkedHashMap<String, Object>(Payloads.reading(LEVEL_CHANNEL,
                "2026-11-21T08:00:01.000250Z", 229.9, "V"));
        later.put("decimals", 1);
        var count = new java.util.LinkedHashMap<String, Object>(Payloads.reading(Payloads.RAIN_CHANNEL,
                "2026-11-21T08:00:00Z", 87L, "tips"));
        var json = (TelemetryMessage) parse("weir/v1/gw-1/telemetry", Payloads.telemetry("gw-1", 5, voltage, later,
                count, Payloads.badReading(Payloads.RAIN_CHANNEL, "2026-11-21T08:00:02Z", "COMM_ERROR")));

        var compact = (TelemetryMessage) parser.parse(Topic.parse("weir/v1/gw-1/telemetry"),
                Payloads.compactTelemetry("gw-1", 5, "2026-11-21T08:00:00Z",
                        Payloads.series(LEVEL_CHANNEL, "V", 1, List.of(0.25, 229.8, 0), List.of(1000.25, 229.9, 0)),
                        Payloads.series(Payloads.RAIN_CHANNEL, "tips", null, List.of(0, 87, 0)),
                        Payloads.series(Payloads.RAIN_CHANNEL, "mm", null,
                                java.util.Arrays.asList(2000, null, 2, "COMM_ERROR"))));

        assertThat(compact).isEqualTo(json);
    }

    @Test
    void aCorruptCompressedPayloadIsRejectedSayingSo() {
        byte[] payload = Payloads.compactTelemetry("gw-1", 5, "2026-11-21T08:00:00Z",
                Payloads.series(LEVEL_CHANNEL, "m", null, List.of(0, 3.412, 0)));
        payload[payload.length / 2] ^= 0x55;
        byte[] cut = java.util.Arrays.copyOf(payload, payload.length / 2);

        for (byte[] broken : List.of(payload, cut)) {
            assertThatThrownBy(() -> parser.parse(Topic.parse("weir/v1/gw-1/telemetry"), broken))
                    .isInstanceOf(PayloadException.class)
                    .hasMessageContaining("corrupt gzip payload");
        }
    }

    @Test
    void onlyTelemetryComesCompressedAndCompressedTelemetryIsVersionTwo() {
        byte[] alarm = Payloads.gzip(Payloads.alarm("gw-1", 10,
                Payloads.event("gw-1:river-level:1", "YELLOW", "RAISED", 1, 3.52)));
        byte[] versionOne = Payloads.gzip(Payloads.telemetry("gw-1", 5,
                Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z", 3.412, "m")));

        assertThatThrownBy(() -> parser.parse(Topic.parse("weir/v1/gw-1/alarm"), alarm))
                .hasMessage("$: is gzip-compressed, which only telemetry may be");
        assertThatThrownBy(() -> parser.parse(Topic.parse("weir/v1/gw-1/telemetry"), versionOne))
                .hasMessage("v: unsupported version 1; this adapter understands v=2 in a gzip-compressed"
                        + " payload");
    }

    @Test
    void aCompactRowBreakingTheQualityRulesIsNamedByItsPlace() {
        byte[] payload = Payloads.gzip("{\"v\":2,\"gatewayId\":\"gw-1\",\"seq\":5,\"sentAt\":\"2026-11-21T08:00:05Z\","
                + "\"t0\":\"2026-11-21T08:00:00Z\",\"series\":[{\"channel\":\"" + LEVEL_CHANNEL + "\","
                + "\"rows\":[[0,3.4,0],[1000,3.5,1]]}]}");

        assertThatThrownBy(() -> parser.parse(Topic.parse("weir/v1/gw-1/telemetry"), payload))
                .hasMessage("series[0].rows[1][3]: is missing; it is required when quality is UNCERTAIN");
    }

    @Test
    void readsAlarmEvents() throws Exception {
        String payload = Payloads.alarm("gw-1", 7, Payloads.event("gw-1:river-level:1", "YELLOW", "RAISED", 1, 3.52));

        AlarmMessage message = (AlarmMessage) parse("weir/v1/gw-1/alarm", payload);

        AlarmEvent event = message.events().get(0);
        assertThat(event.level()).isEqualTo(AlarmLevel.YELLOW);
        assertThat(event.transition()).isEqualTo(AlarmTransition.RAISED);
        assertThat(event.threshold()).isEqualTo(3.5);
        assertThat(event.site().name()).isEqualTo(Payloads.STATION_NAME);
        assertThat(event.site().longitude()).isEqualTo(Payloads.LONGITUDE);
    }

    @Test
    void readsBirthLastWillAndCleanDeath() throws Exception {
        StateMessage birth = (StateMessage) parse("weir/v1/gw-1/state", Payloads.birth("gw-1"));
        StateMessage will = (StateMessage) parse("weir/v1/gw-1/state", Payloads.lastWill("gw-1"));
        StateMessage death = (StateMessage) parse("weir/v1/gw-1/state", Payloads.cleanDeath("gw-1"));

        assertThat(birth.online()).isTrue();
        assertThat(birth.profiles()).containsExactly("hlk-ld8001h", "rs485-tipping-bucket");
        assertThat(will.online()).isFalse();
        assertThat(will.ts()).isNull();
        assertThat(will.sentByGateway()).isFalse();
        assertThat(death.reason()).isEqualTo("shutdown");
        assertThat(death.sentByGateway()).isTrue();
    }

    @Test
    void rejectsMalformedJson() {
        PayloadException e = rejection("weir/v1/gw-1/telemetry", "{\"v\":1,\"gatewayId\":");
        assertThat(e.field()).isEqualTo("$");
        assertThat(e.problem()).startsWith("not valid JSON");
    }

    @Test
    void rejectsAnUnknownVersionBeforeLookingFurther() {
        PayloadException e = rejection("weir/v1/gw-1/telemetry", "{\"v\":2,\"whatever\":true}");
        assertThat(e.field()).isEqualTo("v");
        assertThat(e.problem()).contains("unsupported version 2").contains("v=1");
    }

    @Test
    void rejectsAMissingVersion() {
        assertThat(rejection("weir/v1/gw-1/state", "{\"gatewayId\":\"gw-1\",\"online\":true}").field())
                .isEqualTo("v");
    }

    @Test
    void rejectsAGatewayIdOtherThanTheTopics() {
        PayloadException e = rejection("weir/v1/gw-2/state", Payloads.birth("gw-1"));
        assertThat(e.field()).isEqualTo("gatewayId");
        assertThat(e.problem()).contains("gw-2");
    }

    @Test
    void rejectsABadReadingThatCarriesAValue() {
        String payload = "{\"v\":1,\"gatewayId\":\"gw-1\",\"seq\":1,\"sentAt\":\"2026-11-21T08:00:05Z\","
                + "\"readings\":[{\"channel\":\"a/b/c\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":1,"
                + "\"quality\":\"BAD\",\"reason\":\"STALE\"}]}";
        PayloadException e = rejection("weir/v1/gw-1/telemetry", payload);
        assertThat(e.field()).isEqualTo("readings[0].value");
        assertThat(e.problem()).contains("BAD");
    }

    @Test
    void rejectsAnUncertainReadingWithoutReason() {
        String payload = "{\"v\":1,\"gatewayId\":\"gw-1\",\"seq\":1,\"sentAt\":\"2026-11-21T08:00:05Z\","
                + "\"readings\":[{\"channel\":\"a/b/c\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":1,"
                + "\"quality\":\"UNCERTAIN\"}]}";
        assertThat(rejection("weir/v1/gw-1/telemetry", payload).field()).isEqualTo("readings[0].reason");
    }

    @Test
    void rejectsAnUnknownLevelNamingTheEventField() {
        String payload = Payloads.alarm("gw-1", 7, Payloads.event("a-1", "RED", "RAISED", 1, 4.0))
                .replace("\"RED\"", "\"PURPLE\"");
        PayloadException e = rejection("weir/v1/gw-1/alarm", payload);
        assertThat(e.field()).isEqualTo("events[0].level");
        assertThat(e.problem()).contains("PURPLE").contains("FAULT");
    }

    @Test
    void rejectsANegativeSeqAndAZeroAlarmSeq() {
        String telemetry = Payloads.telemetry("gw-1", 5, Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z",
                1.0, "m")).replace("\"seq\":5", "\"seq\":-5");
        assertThat(rejection("weir/v1/gw-1/telemetry", telemetry).field()).isEqualTo("seq");
        String alarm = Payloads.alarm("gw-1", 7, Payloads.event("a-1", "RED", "RAISED", 1, 4.0))
                .replace("\"alarmSeq\":1", "\"alarmSeq\":0");
        assertThat(rejection("weir/v1/gw-1/alarm", alarm).field()).isEqualTo("events[0].alarmSeq");
    }

    @Test
    void rejectsDuplicateKeysAndTrailingContent() {
        assertThat(rejection("weir/v1/gw-1/state", "{\"v\":1,\"v\":1}").field()).isEqualTo("$");
        assertThat(rejection("weir/v1/gw-1/state", Payloads.birth("gw-1") + "{}").field()).isEqualTo("$");
    }

    @Test
    void rejectsTopicsOutsideTheContract() {
        assertThatThrownBy(() -> Topic.parse("weir/v1/gw-1/cmd/ping")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> Topic.parse("weir/v1/gw-1/reply/bad id")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> Topic.parse("weir/v2/gw-1/state")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> Topic.parse("weir/v1/gw 1/state")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> Topic.parse("weir/v1/gw-1/state/x")).isInstanceOf(PayloadException.class);
    }
}
