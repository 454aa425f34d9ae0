package io.weir.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.Acknowledgement;
import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.GatewayEvent;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

class RecordCodecTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");
    private final RecordCodec codec = new RecordCodec();

    @Test
    void writesAGoodReadingAsTheProtocolObject() {
        assertThat(codec.reading(Reading.good("62001200/radar-1/water_level", T, 3.412, "m"))).isEqualTo(
                "{\"channel\":\"62001200/radar-1/water_level\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":3.412,"
                        + "\"unit\":\"m\",\"quality\":\"GOOD\"}");
    }

    @Test
    void aValueIsPublishedWithItsPointsDecimalsAndAnIntegerAsAnInteger() {
        assertThat(codec.reading(new Reading("s/m/voltage", T, (double) 229.8f, "V", Quality.GOOD, null, 1)))
                .isEqualTo("{\"channel\":\"s/m/voltage\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":229.8,"
                        + "\"decimals\":1,\"unit\":\"V\",\"quality\":\"GOOD\"}");
        assertThat(codec.reading(new Reading("s/r/level", T, 4.6370000000000005, "m", Quality.GOOD, null, 3)))
                .contains("\"value\":4.637,");
        assertThat(codec.reading(new Reading("s/r/level", T, 4.6, "m", Quality.GOOD, null, 3)))
                .contains("\"value\":4.600,");
        assertThat(codec.reading(new Reading("s/r/count", T, 87L, "", Quality.GOOD, null)))
                .contains("\"value\":87,");
    }

    @Test
    void aBatchWritesEachReadingWithItsOwnTime() {
        Instant later = T.plusNanos(250_000);
        var batch = List.of(Reading.good("s/m/a", T, 1.5, "V"), Reading.good("s/m/b", T, 2.5, "V"),
                Reading.good("s/m/a", later, 3.5, "V"), Reading.good("s/m/b", T, 4.5, "V"));

        assertThat(codec.readings(batch)).containsExactly(codec.reading(batch.get(0)), codec.reading(batch.get(1)),
                codec.reading(batch.get(2)), codec.reading(batch.get(3)));
        assertThat(codec.readings(batch).get(2)).contains("\"ts\":\"2026-11-21T08:00:00.000250Z\"");
    }

    @Test
    void anAcknowledgementSaysWhoTookTheAlarmAndWhetherOnSite() {
        var site = new SiteInfo("gw-1", "62001200", "Yuxi River Station", 30.2741, 120.1551);
        var ack = new AlarmEvent("gw-1:river-level:1", "river-level", List.of(), AlarmLevel.RED,
                AlarmTransition.ACKNOWLEDGED, null, null, null, 2, T, site, null)
                .acknowledgedBy(new Acknowledgement("console", "192.168.1.20", true));
        assertThat(codec.alarm(ack)).contains("\"acknowledgement\":{\"by\":\"console\",\"from\":"
                + "\"192.168.1.20\",\"onSite\":true}");
    }

    @Test
    void writesAGatewayEventWithItsDetailsInOrder() {
        var details = new java.util.LinkedHashMap<String, Object>();
        details.put("jobId", "job-7");
        details.put("bytes", 1024);
        details.put("ratio", 0.5);
        details.put("resumed", true);
        details.put("reason", null);
        assertThat(codec.event(new GatewayEvent("DEPLOY_DOWNLOADING", T, "deploy", details))).isEqualTo(
                "{\"type\":\"DEPLOY_DOWNLOADING\",\"ts\":\"2026-11-21T08:00:00Z\",\"source\":\"deploy\","
                        + "\"jobId\":\"job-7\",\"bytes\":1024,\"ratio\":0.5,\"resumed\":true,\"reason\":null}");
    }

    @Test
    void writesABadReadingWithItsReasonAndNoValue() {
        assertThat(codec.reading(Reading.bad("s/d/c", T, "mm", QualityReason.COMM_ERROR))).isEqualTo(
                "{\"channel\":\"s/d/c\",\"ts\":\"2026-11-21T08:00:00Z\",\"unit\":\"mm\",\"quality\":\"BAD\","
                        + "\"reason\":\"COMM_ERROR\"}");
    }

    @Test
    void aFaultSaysWhichCheckFailed() {
        var site = new SiteInfo("gw-1", "62001200", "Yuxi River Station", 30.2741, 120.1551);
        var fault = new AlarmEvent("gw-1:radar-health:1", "radar-health", List.of("62001200/radar-1/water_level"),
                AlarmLevel.FAULT, AlarmTransition.RAISED, 12.9, null, null, 1, T, site, "SPIKE");
        assertThat(codec.alarm(fault)).contains("\"level\":\"FAULT\"", "\"reason\":\"SPIKE\"");
        var plain = new AlarmEvent("gw-1:river-level:1", "river-level", List.of(), AlarmLevel.YELLOW,
                AlarmTransition.RAISED, 3.52, 3.5, null, 1, T, site);
        assertThat(codec.alarm(plain)).doesNotContain("reason");
    }

    @Test
    void writesAnAlarmEventWithItsSite() {
        var site = new SiteInfo("gw-1", "62001200", "Yuxi \"River\" Station", 30.2741, 120.1551);
        var event = new AlarmEvent("gw-1:river-level:1", "river-level", List.of("62001200/radar-1/water_level"),
                AlarmLevel.YELLOW, AlarmTransition.RAISED, 3.52, 3.5, Duration.ofHours(1), 1, T, site);
        assertThat(codec.alarm(event)).isEqualTo("{\"alarmId\":\"gw-1:river-level:1\",\"ruleId\":\"river-level\","
                + "\"channels\":[\"62001200/radar-1/water_level\"],\"level\":\"YELLOW\",\"transition\":\"RAISED\","
                + "\"value\":3.52,\"threshold\":3.5,\"window\":\"PT1H\",\"alarmSeq\":1,\"ts\":\"2026-11-21T08:00:00Z\","
                + "\"site\":{\"stationCode\":\"62001200\",\"name\":\"Yuxi \\\"River\\\" Station\",\"latitude\":30.2741,"
                + "\"longitude\":120.1551}}");
    }
}
