package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.cloud.query.StoredAlarmEvent;

/**
 * The way back, every stage real: a RED river level sounds the station's siren at the gateway; the county
 * platform registers the case and reports it by its signed webhook; the cloud adapter sends the gateway an alarm
 * acknowledgement; the rules record it and the siren falls silent. Each switch reaches the cloud as an event.
 */
class CountyTakesTheCaseSilencesTheSirenTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void theCountyTakingTheCaseAcknowledgesTheAlarmAndSilencesTheSiren() throws Exception {
        try (Chain chain = Chain.startCloudAndField(ChainFixture.options(work))) {
            var events = new CopyOnWriteArrayList<String>();
            var listener = new MqttClient(chain.broker().url(), "siren-watch", new MemoryPersistence());
            var options = new MqttConnectOptions();
            options.setCleanSession(true);
            listener.connect(options);
            listener.subscribe("weir/v1/" + Chain.GATEWAY_ID + "/event", 1,
                    (topic, message) -> events.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            try {
                chain.field().setWaterLevelMm(2100);
                chain.startGateway(null);
                await("telemetry in the cloud").atMost(PATIENCE)
                        .until(() -> chain.cloud().queries().readingCount() > 0);

                chain.field().setWaterLevelMm(4620); // past 4.50 m: RED, the siren's level
                await("the siren sounding").atMost(PATIENCE).until(() -> events.stream()
                        .anyMatch(e -> e.contains("\"type\":\"GPIO_OUTPUT_SWITCHED\"") && e.contains("\"on\":true")));
                await("a case on the county platform").atMost(PATIENCE)
                        .until(() -> !chain.county().cases().isEmpty());
                String alarmId = chain.county().cases().get(0).idempotencyKey();
                assertThat(events).noneMatch(e -> e.contains("\"on\":false"));

                chain.reportCaseStatus(); // from now on the platform reports: the case is REGISTERED
                chain.county().advance(chain.county().cases().get(0).caseId(), "DISPATCHED");

                await("the siren silenced").atMost(PATIENCE).until(() -> events.stream()
                        .anyMatch(e -> e.contains("\"on\":false") && e.contains("\"transition\":\"ACKNOWLEDGED\"")
                                && e.contains("\"alarmId\":\"" + alarmId + "\"")));
                await("the acknowledgement in the cloud").atMost(PATIENCE)
                        .until(() -> transitions(chain, alarmId).contains("ACKNOWLEDGED"));
                assertThat(chain.county().webhooksDelivered()).isPositive();
            } finally {
                listener.disconnect();
                listener.close();
            }
        }
    }

    private static List<String> transitions(Chain chain, String alarmId) {
        return chain.cloud().queries().alarmEvents(alarmId).stream().map(StoredAlarmEvent::transition).toList();
    }
}
