package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern CONSOLE = Pattern.compile("local console on (http://\\S+/api/)");

    @TempDir
    Path work;

    @Test
    void aThresholdCrossingBecomesExactlyOneCaseOnTheCountyPlatform() throws Exception {
        try (Chain chain = Chain.startCloudAndField(ChainFixture.options(work))) {
            chain.field().setWaterLevelMm(2100);
            var console = new java.util.concurrent.atomic.AtomicReference<String>();
            chain.startGateway(line -> {
                Matcher m = CONSOLE.matcher(line);
                if (m.find()) {
                    console.set(m.group(1));
                }
            });
            await("telemetry in the cloud").atMost(PATIENCE)
                    .until(() -> chain.cloud().queries().readingCount() > 0);
            assertThat(chain.county().cases()).isEmpty();
            assertTheConsoleAnswersOnlyWithTheToken(console, chain.consoleToken());

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

    /** The technician's console of the demo gateway: on, with the token the demo made, and closed without it. */
    private static void assertTheConsoleAnswersOnlyWithTheToken(
            java.util.concurrent.atomic.AtomicReference<String> console, String token) throws Exception {
        await("the console's address in the gateway's log").atMost(PATIENCE).until(() -> console.get() != null);
        var http = HttpClient.newHttpClient();
        URI readings = URI.create(console.get() + "readings");
        await("the gauge's value at the console").atMost(PATIENCE).until(() -> http.send(HttpRequest
                .newBuilder(readings).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("/radar-1/water_level"));
        assertThat(http.send(HttpRequest.newBuilder(readings).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
    }

    private static List<String> transitions(Chain chain, String alarmId) {
        return chain.cloud().queries().alarmEvents(alarmId).stream().map(StoredAlarmEvent::transition).toList();
    }
}
