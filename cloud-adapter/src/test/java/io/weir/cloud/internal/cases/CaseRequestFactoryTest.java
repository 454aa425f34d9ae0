package io.weir.cloud.internal.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.CaseClass;
import io.weir.cloud.CaseMapping;
import io.weir.cloud.internal.protocol.AlarmEvent;
import io.weir.cloud.internal.protocol.AlarmLevel;
import io.weir.cloud.internal.protocol.AlarmTransition;
import io.weir.cloud.internal.protocol.Site;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseRequestFactoryTest {
    private static final Site SITE = new Site("62001200", "Yuxi River Station", 30.2741, 120.1551);
    private final CaseRequestFactory factory = new CaseRequestFactory(new CaseMapping(
            new CaseClass("EVENT", "04", "0401", "water-resources", 2),
            new CaseClass("COMPONENT", "01", "0107", "facility-maintenance", 24)));

    private static AlarmEvent event(AlarmLevel level, Double value, Double threshold) {
        return new AlarmEvent("gw-yx-001:river-level:1", "river-level", List.of("62001200/radar-1/water_level"),
                level, AlarmTransition.RAISED, value, threshold, null, 1, Instant.parse("2026-11-21T08:00:00Z"),
                SITE);
    }

    @Test
    void aThresholdAlarmBecomesAnEmergencyEventCase() {
        CaseRequestBody body = factory.create(event(AlarmLevel.YELLOW, 3.52, 3.5));

        assertThat(body.v()).isEqualTo(1);
        assertThat(body.idempotencyKey()).isEqualTo("gw-yx-001:river-level:1");
        assertThat(body.caseType()).isEqualTo("EVENT");
        assertThat(body.largeClass()).isEqualTo("04");
        assertThat(body.smallClass()).isEqualTo("0401");
        assertThat(body.urgency()).isEqualTo("NORMAL");
        assertThat(body.department()).isEqualTo("water-resources");
        assertThat(body.timeLimitHours()).isEqualTo(2);
        assertThat(body.title()).isEqualTo("River level YELLOW at Yuxi River Station");
        assertThat(body.description()).contains("water_level 3.52 reached threshold 3.5 (YELLOW)")
                .contains("Yuxi River Station (62001200)").contains("62001200/radar-1/water_level");
        assertThat(body.address()).isEqualTo("Yuxi River Station (62001200)");
        assertThat(body.longitude()).isEqualTo(120.1551);
        assertThat(body.latitude()).isEqualTo(30.2741);
        assertThat(body.source()).isEqualTo("weir");
        assertThat(body.reportedAt()).isEqualTo("2026-11-21T08:00:00Z");
    }

    @Test
    void aDeviceFaultBecomesAComponentCaseWithTheConfiguredSmallClass() {
        CaseRequestBody body = factory.create(event(AlarmLevel.FAULT, null, null));

        assertThat(body.caseType()).isEqualTo("COMPONENT");
        assertThat(body.largeClass()).isEqualTo("01");
        assertThat(body.smallClass()).isEqualTo("0107");
        assertThat(body.department()).isEqualTo("facility-maintenance");
        assertThat(body.timeLimitHours()).isEqualTo(24);
        assertThat(body.urgency()).isEqualTo("NORMAL");
        assertThat(body.description()).startsWith("water_level (FAULT)");
    }

    @Test
    void redAndOrangeAreUrgent() {
        assertThat(CaseRequestFactory.urgency(AlarmLevel.RED)).isEqualTo("URGENT");
        assertThat(CaseRequestFactory.urgency(AlarmLevel.ORANGE)).isEqualTo("URGENT");
        assertThat(CaseRequestFactory.urgency(AlarmLevel.YELLOW)).isEqualTo("NORMAL");
        assertThat(CaseRequestFactory.urgency(AlarmLevel.BLUE)).isEqualTo("NORMAL");
        assertThat(CaseRequestFactory.urgency(AlarmLevel.FAULT)).isEqualTo("NORMAL");
    }
}
