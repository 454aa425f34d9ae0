package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.cloud.query.StoredAlarmEvent;
import io.weir.simulator.county.CountyCase;

/**
 * The foundation's promise end to end, every stage real: a river gauge's value crosses the warning level at the
 * Modbus device, the gateway process raises the alarm, it crosses the broker and the cloud adapter, and the county
 * platform receives exactly one case for it, however the alarm goes on to escalate and clear.
 */
class ThresholdCrossingOpensOneCaseTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void aThresholdCrossingBecomesExactlyOneCaseOnTheCountyPlatform() throws Exception {
        try (Chain chain = Chain.startCloudAndField(ChainFixture.options(work))) {
            chain.field().setWaterLevelMm(2100);
            chain.startGateway(null);
            await("telemetry in the cloud").atMost(PATIENCE)
                    .until(() -> chain.cloud().queries().readingCount() > 0);
            assertThat(chain.county().cases()).isEmpty();

            chain.field().setWaterLevelMm(3620); // past the warning level 3.50 m: YELLOW
            await("a case on the county platform").atMost(PATIENCE).until(() -> !chain.county().cases().isEmpty());
            CountyCase opened = chain.county().cases().get(0);
            assertThat(opened.idempotencyKey()).startsWith(Chain.GATEWAY_ID + ":river-level:");
            assertThat(opened.caseType()).isEqualTo("EVENT");
            assertThat(opened.largeClass()).isEqualTo("04");
            assertThat(opened.latitude()).isEqualTo(30.2741);
            assertThat(opened.longitude()).isEqualTo(120.1551);
            assertThat(opened.title()).contains("Yuxi River Station");
            String alarmId = opened.idempotencyKey();

            chain.field().setWaterLevelMm(4210); // ORANGE: the same alarm escalates
            await("the escalation in the cloud").atMost(PATIENCE)
                    .until(() -> transitions(chain, alarmId).contains("ESCALATED"));
            chain.field().setWaterLevelMm(2000); // the river recedes: the alarm clears
            await("the clearing in the cloud").atMost(PATIENCE)
                    .until(() -> transitions(chain, alarmId).contains("CLEARED"));

            assertThat(transitions(chain, alarmId)).containsExactly("RAISED", "ESCALATED", "CLEARED");
            assertThat(chain.county().cases()).hasSize(1);
            assertThat(chain.cloud().stats().casesOpened()).isEqualTo(1);
        }
    }

    private static List<String> transitions(Chain chain, String alarmId) {
        return chain.cloud().queries().alarmEvents(alarmId).stream().map(StoredAlarmEvent::transition).toList();
    }
}
