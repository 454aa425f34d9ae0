package io.weir.simulator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.weir.testing.Patience;

class EmbeddedBrokerTest {

    private static final Duration PATIENCE = Patience.LOCAL;

    private EmbeddedBroker broker;
    private String prefix;

    @BeforeEach
    void startBroker(TestInfo test) {
        broker = EmbeddedBroker.start("127.0.0.1", 0);
        // Topics and client ids unique per test keep retained messages and sessions from leaking between tests.
        prefix = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void portZeroPicksAFreePortAndTheUrlNamesIt() {
        assertThat(broker.port()).isPositive();
        assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
    }

    @Test
    void twoBrokersRunSideBySide() {
        try (EmbeddedBroker second = EmbeddedBroker.start("127.0.0.1", 0)) {
            assertThat(second.port()).isNotEqualTo(broker.port());
        }
    }

    @Test
    void aTakenPortIsReportedNotIgnored() {
        assertThatThrownBy(() -> EmbeddedBroker.start("127.0.0.1", broker.port()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(String.valueOf(broker.port()));
    }

    @Test
    void closeLeavesNoFilesBehind() throws Exception {
        EmbeddedBroker other = EmbeddedBroker.start("127.0.0.1", 0);
        Path scratch = other.scratchDirectory();
        try (V3Client client = V3Client.connect(other.url(), prefix)) {
            client.publish(prefix + "/t", "x", 1, true);
        }
        other.close();
        assertThat(Files.exists(scratch)).isFalse();
    }

    @Test
    void v3QosOnePublishReachesV5Subscriber() throws Exception {
        String topic = "weir/v1/" + prefix + "/telemetry";
        try (V5Subscriber cloud = V5Subscriber.connect(broker.url(), prefix + "-cloud", false);
                V3Client gateway = V3Client.connect(broker.url(), prefix + "-gw")) {
            cloud.subscribe("weir/v1/+/telemetry", 1);

            gateway.publish(topic, "{\"v\":1,\"seq\":1}", 1, false);

            await().atMost(PATIENCE).until(() -> !cloud.received().isEmpty());
            Received message = cloud.received().get(0);
            assertThat(message.topic()).isEqualTo(topic);
            assertThat(message.payload()).isEqualTo("{\"v\":1,\"seq\":1}");
            assertThat(message.qos()).isEqualTo(1);
        }
    }

    @Test
    void v5PublishReachesV3Subscriber() throws Exception {
        String topic = "weir/v1/" + prefix + "/cmd/ping";
        try (V3Client gateway = V3Client.connect(broker.url(), prefix + "-gw");
                V5Subscriber cloud = V5Subscriber.connect(broker.url(), prefix + "-cloud", false)) {
            gateway.subscribe("weir/v1/" + prefix + "/cmd/#", 1);

            cloud.publish(topic, "ping");

            await().atMost(PATIENCE).until(() -> !gateway.received().isEmpty());
            assertThat(gateway.received().get(0).payload()).isEqualTo("ping");
        }
    }

    @Test
    void retainedMessageIsDeliveredToALateSubscriber() throws Exception {
        String topic = "weir/v1/" + prefix + "/state";
        try (V3Client gateway = V3Client.connect(broker.url(), prefix + "-gw")) {
            gateway.publish(topic, "{\"online\":true}", 1, true);
        }

        try (V5Subscriber late = V5Subscriber.connect(broker.url(), prefix + "-late", false)) {
            late.subscribe("weir/v1/+/state", 1);

            await().atMost(PATIENCE).until(() -> !late.received().isEmpty());
            Received state = late.received().get(0);
            assertThat(state.topic()).isEqualTo(topic);
            assertThat(state.payload()).isEqualTo("{\"online\":true}");
            assertThat(state.retained()).isTrue();
        }
    }

    @Test
    void lastWillIsPublishedWhenTheClientsSocketDies() throws Exception {
        String topic = "weir/v1/" + prefix + "/state";
        String will = "{\"v\":1,\"online\":false,\"reason\":\"connection-lost\"}";
        try (V5Subscriber cloud = V5Subscriber.connect(broker.url(), prefix + "-cloud", false);
                V3Client gateway = V3Client.connect(broker.url(), prefix + "-gw", topic, will)) {
            cloud.subscribe(topic, 1);

            gateway.killConnection();

            await().atMost(PATIENCE).until(() -> !cloud.received().isEmpty());
            assertThat(cloud.received().get(0).payload()).isEqualTo(will);
        }
        try (V5Subscriber late = V5Subscriber.connect(broker.url(), prefix + "-late", false)) {
            late.subscribe(topic, 1);
            await().atMost(PATIENCE).until(() -> !late.received().isEmpty());
            assertThat(late.received().get(0).payload()).as("the will was published retained").isEqualTo(will);
        }
    }

    @Test
    void unackedQosOneMessageIsRedeliveredToAPersistentV5Session() throws Exception {
        String topic = "weir/v1/" + prefix + "/alarm";
        String clientId = prefix + "-cloud";
        try (V3Client gateway = V3Client.connect(broker.url(), prefix + "-gw")) {
            V5Subscriber first = V5Subscriber.connect(broker.url(), clientId, true);
            first.subscribe("weir/v1/+/alarm", 1);
            gateway.publish(topic, "alarm-1", 1, false);
            await().atMost(PATIENCE).until(() -> !first.received().isEmpty());
            // Never acknowledged: the adapter crashed before it committed the alarm.
            first.disconnect();
            first.close();

            try (V5Subscriber second = V5Subscriber.connect(broker.url(), clientId, true)) {
                await().atMost(PATIENCE).until(() -> !second.received().isEmpty());
                Received again = second.received().get(0);
                assertThat(again.topic()).isEqualTo(topic);
                assertThat(again.payload()).isEqualTo("alarm-1");
                second.ack(again);
                // A round trip on the same connection: Paho sends the PUBACK before this SUBSCRIBE, and the broker
                // handles one connection's packets in order, so once SUBACK is back the ack has been processed.
                // Without it the DISCONNECT could overtake the ack.
                second.subscribe("weir/v1/" + prefix + "/barrier", 1);
                second.disconnect();
            }

            try (V5Subscriber third = V5Subscriber.connect(broker.url(), clientId, true)) {
                gateway.publish(topic, "alarm-2", 1, false);
                await().atMost(PATIENCE).until(() -> !third.received().isEmpty());
                List<String> payloads = third.received().stream().map(Received::payload).toList();
                assertThat(payloads).as("an acknowledged message is not delivered again").containsExactly("alarm-2");
                third.ack(third.received().get(0));
            }
        }
    }
}
