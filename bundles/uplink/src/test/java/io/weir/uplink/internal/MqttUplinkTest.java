package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;

import io.weir.api.SiteInfo;
import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;
import io.weir.api.store.MessageClass;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.testing.Patience;
import io.weir.testing.TcpProxy;

class MqttUplinkTest {

    private static final SiteInfo SITE = new SiteInfo("gw-test", "62001200", "Yuxi River Station", 30.27, 120.15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    /** Every command says until when it may run: ten minutes after the test's clock. */
    static final String EXPIRES = "\"expiresAt\":\"2026-11-21T08:10:00Z\",";
    static final String V1 = "{\"v\":1," + EXPIRES;

    private static UplinkOptions options(String url) {
        return new UplinkOptions(url, "", new char[0], List.of("hlk-ld8001h"), 4, 100, 30, Duration.ofSeconds(1));
    }

    @Test
    void publishesAlarmsAndTelemetryAndConfirmsOnlyAcknowledgedMessages() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/#")) {
            var store = new FakeStore();
            store.add(MessageClass.ALARM, "{\"alarmId\":\"a1\"}");
            store.add(MessageClass.TELEMETRY, "{\"channel\":\"c\",\"value\":1.5}", "{\"channel\":\"c\",\"value\":1.6}");
            var uplink = new MqttUplink(SITE, store, options(broker.url()), Map.of("weir", "test"), CLOCK);
            try {
                await().atMost(Patience.LOCAL).until(() -> store.confirmed().size() == 2);
                // the records of a message may take the size cap less room for the envelope
                assertThat(store.lastMaxRecordBytes()).isEqualTo(UplinkOptions.DEFAULT_MAX_MESSAGE_BYTES - 1024);
                assertThat(cloud.on("weir/v1/gw-test/alarm")).singleElement().extracting(Subscriber.Message::payload)
                        .isEqualTo("{\"v\":1,\"gatewayId\":\"gw-test\",\"seq\":1,\"sentAt\":\"2026-11-21T08:00:00Z\","
                                + "\"events\":[{\"alarmId\":\"a1\"}]}");
                assertThat(cloud.on("weir/v1/gw-test/telemetry")).singleElement()
                        .extracting(Subscriber.Message::payload).asString()
                        .contains("\"seq\":2").contains("\"readings\":[{\"channel\":\"c\",\"value\":1.5},");
                await().atMost(Patience.LOCAL).until(() -> !cloud.on("weir/v1/gw-test/state").isEmpty());
                assertThat(cloud.on("weir/v1/gw-test/state").get(0).payload())
                        .contains("\"online\":true").contains("\"stationCode\":\"62001200\"");
            } finally {
                uplink.stop();
            }
            await().atMost(Patience.LOCAL).until(() -> cloud.on("weir/v1/gw-test/state").size() == 2);
            assertThat(cloud.on("weir/v1/gw-test/state").get(1).payload())
                    .contains("\"online\":false").contains("\"reason\":\"shutdown\"");
        }
    }

    @Test
    void compactTelemetryGoesGzippedUnderItsSeqAndIsConfirmedOnItsPuback() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/telemetry")) {
            var store = new FakeStore();
            store.add(MessageClass.TELEMETRY, "{\"channel\":\"62001200/radar-1/water_level\","
                    + "\"ts\":\"2026-11-21T08:00:00Z\",\"value\":3.412,\"unit\":\"m\",\"quality\":\"GOOD\"}");
            var base = options(broker.url());
            var compact = new UplinkOptions(base.brokerUrl(), base.username(), base.password(), base.profiles(),
                    base.maxInFlight(), base.maxRecordsPerMessage(), base.keepAliveSeconds(),
                    base.maxReconnectDelay(), base.maxMessagesPerSecond(), base.tls(), base.maxMessageBytes(),
                    base.stateRefresh(), TelemetryEncoding.COMPACT);
            var uplink = new MqttUplink(SITE, store, compact, Map.of(), CLOCK);
            try {
                await().atMost(Patience.LOCAL).until(() -> store.confirmed().size() == 1);
                byte[] payload = cloud.on("weir/v1/gw-test/telemetry").get(0).bytes();
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(payload))) {
                    assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                            "{\"v\":2,\"gatewayId\":\"gw-test\",\"seq\":1,\"sentAt\":\"2026-11-21T08:00:00Z\","
                                    + "\"t0\":\"2026-11-21T08:00:00Z\",\"series\":[{\"channel\":"
                                    + "\"62001200/radar-1/water_level\",\"unit\":\"m\",\"rows\":[[0,3.412,0]]}]}");
                }
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void keepsEverythingWhileTheBrokerIsAwayAndDeliversWhenItComes() throws Exception {
        var store = new FakeStore();
        store.add(MessageClass.TELEMETRY, "{\"n\":1}");
        // the broker's address, held and refusing until the broker is there
        var link = new TcpProxy();
        var uplink = new MqttUplink(SITE, store, options("tcp://127.0.0.1:" + link.port()), Map.of(), CLOCK);
        try {
            assertThat(uplink.isConnected()).isFalse();
            assertThat(store.confirmed()).isEmpty();
            assertThat(store.pending()).isEqualTo(1);
            try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
                 var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/telemetry")) {
                link.forwardTo(broker.port());
                link.accepting(true);
                store.add(MessageClass.TELEMETRY, "{\"n\":2}");
                await().atMost(Patience.LOCAL).until(() -> store.confirmed().size() == 2);
                assertThat(store.pending()).isZero();
            }
        } finally {
            uplink.stop();
            link.close();
        }
    }

    @Test
    void whenTheLinkDiesTheBrokerPublishesTheGatewaysLastWillRetained() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var proxy = new TcpProxy(broker.port());
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/state")) {
            var uplink = new MqttUplink(SITE, new FakeStore(), options("tcp://127.0.0.1:" + proxy.port()), Map.of(), CLOCK);
            try {
                await().atMost(Patience.LOCAL).until(() -> cloud.received().stream()
                        .anyMatch(m -> m.payload().contains("\"online\":true")));
                proxy.accepting(false); // it stays away, as a gateway whose 4G link dropped
                proxy.cutAll();         // no DISCONNECT: the broker sees the socket die

                await().atMost(Patience.LOCAL).until(() -> cloud.received().stream()
                        .anyMatch(m -> m.payload().contains("\"reason\":\"connection-lost\"")));
                Subscriber.Message will = cloud.received().stream()
                        .filter(m -> m.payload().contains("connection-lost")).findFirst().orElseThrow();
                assertThat(will.payload()).isEqualTo(
                        "{\"v\":1,\"gatewayId\":\"gw-test\",\"online\":false,\"reason\":\"connection-lost\"}");
            } finally {
                uplink.stop();
            }
            try (var late = new Subscriber(broker.url(), "weir/v1/gw-test/state")) {
                await().atMost(Patience.LOCAL).until(() -> !late.received().isEmpty());
                assertThat(late.received().get(0).retained()).isTrue();
                assertThat(late.received().get(0).payload()).contains("connection-lost");
            }
        }
    }

    @Test
    void theRetainedBirthGreetsALateSubscriber() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0)) {
            var uplink = new MqttUplink(SITE, new FakeStore(), options(broker.url()), Map.of("weir", "0.1.0"), CLOCK);
            try {
                await().atMost(Patience.LOCAL).until(uplink::isConnected);
                try (var late = new Subscriber(broker.url(), "weir/v1/+/state")) {
                    await().atMost(Patience.LOCAL).until(() -> !late.received().isEmpty());
                    assertThat(late.received().get(0).retained()).isTrue();
                    assertThat(late.received().get(0).payload()).isEqualTo("{\"v\":1,\"gatewayId\":\"gw-test\","
                            + "\"online\":true,\"ts\":\"2026-11-21T08:00:00Z\",\"runtime\":{\"weir\":\"0.1.0\"},"
                            + "\"site\":{\"stationCode\":\"62001200\",\"name\":\"Yuxi River Station\","
                            + "\"latitude\":30.27,\"longitude\":120.15},\"profiles\":[\"hlk-ld8001h\"]}");
                }
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void answersAPingCommandOnItsReplyTopicAndRefusesUnknownCommandsAndVersions() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/reply/#")) {
            var uplink = new MqttUplink(SITE, new FakeStore(), options(broker.url()), Map.of(), CLOCK);
            try {
                await().atMost(Patience.LOCAL).until(uplink::isConnected);
                // The subscription is made right after the connect; retry until the reply shows it is in place.
                await().atMost(Patience.LOCAL).until(() -> {
                    cloud.publish("weir/v1/gw-test/cmd/ping", V1 + "\"requestId\":\"r-1\",\"args\":{}}");
                    return !cloud.on("weir/v1/gw-test/reply/r-1").isEmpty();
                });
                assertThat(cloud.on("weir/v1/gw-test/reply/r-1").get(0).payload()).isEqualTo(
                        "{\"v\":1,\"gatewayId\":\"gw-test\",\"requestId\":\"r-1\",\"command\":\"ping\","
                                + "\"ts\":\"2026-11-21T08:00:00Z\",\"ok\":true,\"result\":{\"pong\":true}}");

                cloud.publish("weir/v1/gw-test/cmd/reboot", V1 + "\"requestId\":\"r-2\"}");
                cloud.publish("weir/v1/gw-test/cmd/ping", "{\"v\":2," + EXPIRES + "\"requestId\":\"r-3\"}");
                await().atMost(Patience.LOCAL).until(() -> !cloud.on("weir/v1/gw-test/reply/r-3").isEmpty());
                await().atMost(Patience.LOCAL).until(() -> !cloud.on("weir/v1/gw-test/reply/r-2").isEmpty());
                assertThat(cloud.on("weir/v1/gw-test/reply/r-2").get(0).payload())
                        .contains("\"ok\":false").contains("unknown command 'reboot'; known: alarm-ack, ping");
                assertThat(cloud.on("weir/v1/gw-test/reply/r-3").get(0).payload())
                        .contains("\"ok\":false").contains("unsupported version 2");
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void anAlarmAcknowledgementFromTheCountyReachesTheRulesAndIsAnswered() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/reply/#")) {
            var uplink = new MqttUplink(SITE, new FakeStore(), options(broker.url()), Map.of(), CLOCK);
            var acknowledged = new java.util.concurrent.CopyOnWriteArrayList<String>();
            uplink.setAcknowledger((alarmId, by) -> acknowledged.add(alarmId + " by " + by));
            try {
                await().atMost(Patience.LOCAL).until(uplink::isConnected);
                // as the cloud adapter publishes it: the fields at the top level, requestId = caseId:status
                String ack = V1 + "\"requestId\":\"C20261121-0001:DISPATCHED\",\"alarmId\":\"gw-test:river-level:1\","
                        + "\"caseId\":\"C20261121-0001\",\"status\":\"DISPATCHED\",\"ts\":\"2026-11-21T08:05:00Z\"}";
                await().atMost(Patience.LOCAL).until(() -> {
                    cloud.publish("weir/v1/gw-test/cmd/alarm-ack", ack);
                    return !cloud.on("weir/v1/gw-test/reply/C20261121-0001:DISPATCHED").isEmpty();
                });
                assertThat(acknowledged).first().isEqualTo("gw-test:river-level:1 by county-case from case C20261121-0001 DISPATCHED");
                assertThat(cloud.on("weir/v1/gw-test/reply/C20261121-0001:DISPATCHED").get(0).payload())
                        .contains("\"ok\":true", "\"result\":{\"accepted\":true}");

                uplink.unsetAcknowledger(null); // a stale unbind changes nothing
                cloud.publish("weir/v1/gw-test/cmd/alarm-ack", V1 + "\"requestId\":\"r-9\"}");
                await().atMost(Patience.LOCAL).until(() -> !cloud.on("weir/v1/gw-test/reply/r-9").isEmpty());
                assertThat(cloud.on("weir/v1/gw-test/reply/r-9").get(0).payload())
                        .contains("\"ok\":false", "alarmId is missing");
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void commandsOfOtherBundlesAreRoutedByNameAndARepeatedRequestIsNotRunTwice() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/reply/#")) {
            var uplink = new MqttUplink(SITE, new FakeStore(), options(broker.url()), Map.of(), CLOCK);
            var runs = new AtomicInteger();
            CommandHandler write = args -> {
                if (!args.containsKey("point")) {
                    throw new IllegalArgumentException("point is missing");
                }
                return "{\"written\":" + runs.incrementAndGet() + "}";
            };
            Map<String, Object> props = Map.of(CommandHandler.NAME, "modbus-write");
            uplink.addCommand(write, props);
            uplink.addCommand(args -> "{}", props); // the name is taken: ignored
            uplink.addCommand(args -> "{}", Map.of(CommandHandler.NAME, "Bad Name!"));
            try {
                await().atMost(Patience.LOCAL).until(uplink::isConnected);
                String request = V1 + "\"requestId\":\"w-1\",\"args\":{\"device\":\"pump-1\",\"point\":\"setpoint\"}}";
                await().atMost(Patience.LOCAL).until(() -> {
                    cloud.publish("weir/v1/gw-test/cmd/modbus-write", request);
                    return !cloud.on("weir/v1/gw-test/reply/w-1").isEmpty();
                });
                cloud.publish("weir/v1/gw-test/cmd/modbus-write", request); // at least once: a resend
                await().atMost(Patience.LOCAL).until(() -> cloud.on("weir/v1/gw-test/reply/w-1").size() >= 2);
                assertThat(cloud.on("weir/v1/gw-test/reply/w-1")).extracting(Subscriber.Message::payload)
                        .allSatisfy(p -> assertThat(p).contains("\"ok\":true", "\"result\":{\"written\":1}"));
                assertThat(runs).hasValue(1);

                cloud.publish("weir/v1/gw-test/cmd/modbus-write", V1 + "\"requestId\":\"w-2\",\"args\":{}}");
                await().atMost(Patience.LOCAL).until(() -> !cloud.on("weir/v1/gw-test/reply/w-2").isEmpty());
                assertThat(cloud.on("weir/v1/gw-test/reply/w-2").get(0).payload())
                        .contains("\"ok\":false", "bad request: point is missing");

                uplink.removeCommand(write, props);
                cloud.publish("weir/v1/gw-test/cmd/modbus-write", V1 + "\"requestId\":\"w-3\",\"args\":{}}");
                await().atMost(Patience.LOCAL).until(() -> !cloud.on("weir/v1/gw-test/reply/w-3").isEmpty());
                assertThat(cloud.on("weir/v1/gw-test/reply/w-3").get(0).payload())
                        .contains("unknown command 'modbus-write'; known: alarm-ack, ping");
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void theStateMessageCarriesEachBundlesStatusAndABrokenOneCannotSpoilIt() throws Exception {
        try (var broker = EmbeddedBroker.start("127.0.0.1", 0);
             var cloud = new Subscriber(broker.url(), "weir/v1/gw-test/state")) {
            var uplink = new MqttUplink(SITE, new FakeStore(), options(broker.url()), Map.of(), CLOCK);
            uplink.addStatus(() -> "{\"devices\":{\"pump-1\":{\"timeouts\":3}}}",
                    Map.of(StatusProvider.NAME, "modbus"));
            uplink.addStatus(() -> "{not json", Map.of(StatusProvider.NAME, "broken"));
            try {
                await().atMost(Patience.LOCAL).until(uplink::isConnected);
                uplink.refreshState();
                await().atMost(Patience.LOCAL).until(() -> cloud.on("weir/v1/gw-test/state").stream()
                        .anyMatch(m -> m.payload().contains("\"status\"")));
                String state = cloud.on("weir/v1/gw-test/state").stream().map(Subscriber.Message::payload)
                        .filter(p -> p.contains("\"status\"")).findFirst().orElseThrow();
                assertThat(state).contains("\"status\":{\"broken\":{\"error\":\"status is not JSON\"},"
                        + "\"modbus\":{\"devices\":{\"pump-1\":{\"timeouts\":3}}}}");
                assertThat(JsonText.isValue(new JsonFactory(), state,
                        JsonToken.START_OBJECT)).as("one well-formed object").isTrue();
            } finally {
                uplink.stop();
            }
        }
    }

}
