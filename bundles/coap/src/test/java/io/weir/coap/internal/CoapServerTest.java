package io.weir.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.testing.TestClock;

/** The server on loopback against real Californium/Scandium DTLS clients with pre-shared keys. */
class CoapServerTest {

    private static final String KEY_1 = "cover-1-secret-key";
    private static final String KEY_2 = "cover-2-secret-key";
    /** 2026-11-21T08:00:00Z, an absolute SenML base time. */
    private static final long T0 = 1_795_248_000L;

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(Instant.ofEpochSecond(T0 + 60));
    private final Recorder store = new Recorder();
    private final DeviceRegistry registry = new DeviceRegistry(clock);
    private CoapServerComponent server;

    @BeforeEach
    void start() throws Exception {
        registry.put(Devices.cover("cover-1", KEY_1));
        registry.put(Devices.cover("cover-2", KEY_2));
        server = server(new ServerOptions("127.0.0.1", 0, -1, 512, 20, 3, Duration.ofHours(1), 64, 2));
    }

    private CoapServerComponent server(ServerOptions options) throws Exception {
        var s = new CoapServerComponent(options, registry, data, clock, Executors.newSingleThreadScheduledExecutor());
        s.addReadingListener(store);
        s.addEventListener(store);
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private TestDevice device(String identity, String key) throws Exception {
        return TestDevice.dtls(server.secureAddress(), identity, key);
    }

    private static String report(double tilt, double battery) {
        return "[{\"bn\":\"urn:dev:imei:861234:\",\"bt\":" + T0 + ",\"n\":\"tilt\",\"u\":\"deg\",\"v\":" + tilt + "},"
                + "{\"n\":\"bat\",\"u\":\"%\",\"v\":" + battery + ",\"t\":1},"
                + "{\"n\":\"rssi\",\"u\":\"dBm\",\"v\":-97}]";
    }

    @Test
    void jsonReportIsStoredAndAcknowledged() throws Exception {
        try (var cover = device("cover-1", KEY_1)) {
            Response answer = cover.post(report(2.5, 87));

            assertThat(answer.getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(answer.getType()).as("piggybacked on the ACK").isEqualTo(Type.ACK);
            assertThat(store.batches).hasSize(1);
            assertThat(store.of("62001200/cover-1/tilt_angle")).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo(2.5);
                assertThat(r.unit()).isEqualTo("deg");
                assertThat(r.timestamp()).isEqualTo(Instant.ofEpochSecond(T0));
            });
            assertThat(store.of("62001200/cover-1/battery")).singleElement()
                    .satisfies(r -> assertThat(r.timestamp()).isEqualTo(Instant.ofEpochSecond(T0 + 1)));
            assertThat(store.of("62001200/cover-1/rssi")).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(-97.0));
            assertThat(store.of("62001200/cover-1/tilt_deviation")).singleElement()
                    .satisfies(r -> assertThat(r.value()).as("first angle is the baseline").isEqualTo(0.0));
            assertThat(store.of("62001200/cover-1/heartbeat")).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(true));
        }
        assertThat(Path.of("Californium3.properties")).as("no Californium file in the working directory")
                .doesNotExist();
    }

    @Test
    void cborReportWithIntegerLabelsIsStored() throws Exception {
        var out = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
            gen.writeStartArray();
            gen.writeStartObject();
            gen.writeFieldId(-2); // bn
            gen.writeString("cover-2/");
            gen.writeFieldId(-3); // bt
            gen.writeNumber(T0);
            gen.writeFieldId(0); // n
            gen.writeString("level");
            gen.writeFieldId(1); // u
            gen.writeString("m");
            gen.writeFieldId(2); // v
            gen.writeNumber(1.25);
            gen.writeEndObject();
            gen.writeStartObject();
            gen.writeFieldId(0);
            gen.writeString("ch4");
            gen.writeFieldId(2);
            gen.writeNumber(12);
            gen.writeEndObject();
            gen.writeEndArray();
        }
        try (var cover = device("cover-2", KEY_2)) {
            Response answer = cover.post(out.toByteArray(), SenmlParser.SENML_CBOR);

            assertThat(answer.getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(store.of("62001200/cover-2/water_level")).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(1.25));
            assertThat(store.of("62001200/cover-2/ch4")).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(12.0));
        }
    }

    @Test
    void wrongKeyIsRefusedWhileAnotherDeviceKeepsReporting() throws Exception {
        try (var impostor = device("cover-1", "not-the-right-key"); var honest = device("cover-2", KEY_2)) {
            assertThat(impostor.post(report(1, 50))).as("no answer without the right key").isNull();
            assertThat(honest.post(report(3, 60)).getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(server.counters().wrongKey.get()).isPositive();
        assertThat(store.readings()).allSatisfy(r -> assertThat(r.channel()).startsWith("62001200/cover-2/"));
        assertThat(server.statusJson()).doesNotContain(KEY_1).doesNotContain("not-the-right-key");
    }

    @Test
    void unknownIdentityIsRefusedAndCounted() throws Exception {
        try (var stranger = device("cover-99", "whatever-key-1")) {
            assertThat(stranger.post(report(1, 50))).isNull();
        }
        // counted per handshake attempt: the device's retransmitted flights count again
        assertThat(server.counters().unknownIdentity.get()).isPositive();
        assertThat(store.batches).isEmpty();
        JsonNode status = new ObjectMapper().readTree(server.statusJson());
        assertThat(status.path("counters").path("unknownIdentity").asLong()).isPositive();
        assertThat(server.counters().wrongKey.get()).isZero();
    }

    @Test
    void malformedSenmlIs400WithADiagnostic() throws Exception {
        try (var cover = device("cover-1", KEY_1)) {
            Response answer = cover.post("[{\"n\":\"tilt\",\"v\":\"high\"}]");

            assertThat(answer.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(answer.getPayloadString()).isEqualTo("record 0: v is text, not a number");
            assertThat(cover.post("{not json").getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(cover.post(new byte[] {1, 2}, 50).getCode())
                    .isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        }
        assertThat(store.batches).isEmpty();
        assertThat(server.counters().malformed.get()).isEqualTo(2);
    }

    @Test
    void oversizedPayloadIs413() throws Exception {
        String big = "[" + "{\"n\":\"bat\",\"v\":1},".repeat(40) + "{\"n\":\"bat\",\"v\":1}]";
        assertThat(big.length()).isGreaterThan(512);
        try (var cover = device("cover-1", KEY_1)) {
            assertThat(cover.post(big).getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
            assertThat(cover.post(report(1, 50)).getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        // each refused request counts: Californium's client tries once more in blocks after a 4.13
        assertThat(server.counters().oversized.get()).isPositive();
    }

    @Test
    void duplicateReportWithANewMessageIdIsDropped() throws Exception {
        try (var cover = device("cover-1", KEY_1)) {
            assertThat(cover.post(report(2, 80)).getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(cover.post(report(2, 80)).getCode()).as("acknowledged again").isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(store.batches).hasSize(1);
        assertThat(server.counters().duplicatesDropped.get()).isEqualTo(1);
    }

    @Test
    void storeFailureAnswers503AndTheRetryIsStored() throws Exception {
        try (var cover = device("cover-1", KEY_1)) {
            store.failing.set(true);
            Response refused = cover.post(report(2, 80));
            assertThat(refused.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
            assertThat(refused.getOptions().getMaxAge()).isEqualTo(ReportHandler.STORE_RETRY_SECONDS);

            store.failing.set(false);
            assertThat(cover.post(report(2, 80)).getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(store.batches).hasSize(1);
        assertThat(server.counters().duplicatesDropped.get()).isZero();
    }

    @Test
    void queuedCommandGoesOutInTheAnswerToTheNextConfirmableReport() throws Exception {
        var commands = new DeviceRegistryComponent(clock);
        // the command handler's own registry is not the server's here; queue through the shared state instead
        registry.state("cover-1").orElseThrow().enqueue(new DeviceCommand("interval", "3600", clock.instant()));
        try (var cover = device("cover-1", KEY_1)) {
            assertThat(cover.send(report(1, 90).getBytes(StandardCharsets.UTF_8), SenmlParser.SENML_JSON, Type.NON)
                    .getPayloadSize()).as("a NON report gets no commands").isZero();

            store.failing.set(true);
            Response refused = cover.post(report(2, 90));
            assertThat(refused.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
            assertThat(refused.getPayloadString()).as("no commands with a 5.03").doesNotContain("interval");
            store.failing.set(false);

            Response answer = cover.post(report(2, 90));
            assertThat(answer.getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(answer.getOptions().getContentFormat()).isEqualTo(SenmlParser.SENML_JSON);
            assertThat(answer.getPayloadString()).isEqualTo("[{\"n\":\"interval\",\"v\":3600}]");

            assertThat(cover.post(report(3, 90)).getPayloadSize()).as("delivered once").isZero();
        }
        assertThat(commands.registry().size()).isZero();
        assertThat(server.counters().commandsDelivered.get()).isEqualTo(1);
    }

    @Test
    void commandHandlerQueuesForTheDevicesNextUplink() throws Exception {
        var component = new DeviceRegistryComponent(clock);
        component.registry().put(Devices.cover("cover-3", "cover-3-secret-key"));
        server.stop();
        server = new CoapServerComponent(new ServerOptions("127.0.0.1", 0, -1, 512, 20, 3, Duration.ofHours(1),
                64, 2), component.registry(), data, clock, Executors.newSingleThreadScheduledExecutor());
        server.addReadingListener(store);
        server.start();

        String reply = component.handle(Map.of("device", "cover-3", "command", "rebaseline"));
        assertThat(new ObjectMapper().readTree(reply).path("queued").asInt()).isEqualTo(1);

        var cbor = new CBORMapper();
        try (var cover = TestDevice.dtls(server.secureAddress(), "cover-3", "cover-3-secret-key")) {
            Response answer = cover.post(cborTilt(4.0), SenmlParser.SENML_CBOR);
            assertThat(answer.getOptions().getContentFormat()).isEqualTo(SenmlParser.SENML_CBOR);
            JsonNode commands = cbor.readTree(answer.getPayload());
            assertThat(commands.get(0).get("0").asText()).isEqualTo("rebaseline"); // n
            assertThat(commands.get(0).get("4").asBoolean()).isTrue(); // vb
        }
    }

    private static byte[] cborTilt(double angle) throws Exception {
        var out = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
            gen.writeStartArray();
            gen.writeStartObject();
            gen.writeFieldId(0);
            gen.writeString("tilt");
            gen.writeFieldId(2);
            gen.writeNumber(angle);
            gen.writeEndObject();
            gen.writeEndArray();
        }
        return out.toByteArray();
    }

    @Test
    void tiltDeviationIsMeasuredFromAPersistedBaselineThatRebaselineResets() throws Exception {
        try (var cover = device("cover-1", KEY_1)) {
            cover.post(report(2.0, 90));
            cover.post(report(14.5, 90).replace("\"bt\":" + T0, "\"bt\":" + (T0 + 10)));
        }
        assertThat(store.of("62001200/cover-1/tilt_deviation")).extracting(Reading::value)
                .containsExactly(0.0, 12.5);
        assertThat(data.resolve("coap/baselines/cover-1.baseline")).hasContent("2.0");

        // a new server (a restart) keeps the baseline; re-baseline takes the next angle as the resting position
        server.stop();
        server = server(new ServerOptions("127.0.0.1", 0, -1, 512, 20, 3, Duration.ofHours(1), 64, 2));
        registry.state("cover-1").orElseThrow().enqueue(new DeviceCommand("rebaseline", "", clock.instant()));
        try (var cover = device("cover-1", KEY_1)) {
            cover.post(report(30.0, 90).replace("\"bt\":" + T0, "\"bt\":" + (T0 + 20)));
            cover.post(report(31.5, 90).replace("\"bt\":" + T0, "\"bt\":" + (T0 + 30)));
        }
        assertThat(store.of("62001200/cover-1/tilt_deviation")).extracting(r -> (double) r.value())
                .containsExactly(0.0, 12.5, 0.0, 1.5);
        assertThat(data.resolve("coap/baselines/cover-1.baseline")).hasContent("30.0");
    }

    @Test
    void silentDeviceIsFlaggedStaleAndAnEventSaysSo() throws Exception {
        clock.advance(Duration.ofMinutes(29));
        server.silence().check();
        assertThat(store.events).isEmpty();

        clock.advance(Duration.ofMinutes(2)); // 31 min > 3 x 10 min
        server.silence().check();
        server.silence().check(); // once only

        assertThat(store.events).extracting(e -> e.type() + " " + e.source())
                .containsExactlyInAnyOrder("COAP_DEVICE_SILENT coap/cover-1", "COAP_DEVICE_SILENT coap/cover-2");
        assertThat(store.of("62001200/cover-1/tilt_angle")).singleElement().satisfies(r -> {
            assertThat(r.quality()).isEqualTo(Quality.BAD);
            assertThat(r.reason()).isEqualTo(QualityReason.STALE);
        });
        assertThat(store.of("62001200/cover-1/heartbeat")).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(QualityReason.STALE));
        assertThat(new ObjectMapper().readTree(server.statusJson()).path("silent").toString())
                .isEqualTo("[\"cover-1\",\"cover-2\"]");

        try (var cover = device("cover-1", KEY_1)) {
            cover.post(report(1, 50));
        }
        assertThat(store.events).extracting(e -> e.type() + " " + e.source()).contains("COAP_DEVICE_BACK coap/cover-1");
    }

    @Test
    void floodingDeviceIsRateLimitedWithoutDisturbingOthers() throws Exception {
        try (var flooder = device("cover-1", KEY_1); var neighbour = device("cover-2", KEY_2)) {
            int refused = 0;
            for (int i = 0; i < 25; i++) {
                Response answer = flooder.post(report(1, 50 + i));
                if (answer.getCode() == ResponseCode.TOO_MANY_REQUESTS) {
                    refused++;
                    assertThat(answer.getOptions().getMaxAge()).isPositive();
                }
            }
            assertThat(refused).isEqualTo(5); // 20 a minute, and the clock stands still
            assertThat(neighbour.post(report(1, 50)).getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(server.counters().rateLimited.get()).isEqualTo(5);
    }

    @Test
    void devicesAreAddedAndRekeyedWithoutARestart() throws Exception {
        registry.put(Devices.cover("cover-4", "cover-4-first-key"));
        try (var cover = device("cover-4", "cover-4-first-key")) {
            assertThat(cover.post(report(1, 50)).getCode()).isEqualTo(ResponseCode.CHANGED);

            registry.put(Devices.cover("cover-4", "cover-4-second-key"));
            assertThat(cover.post(report(1, 51))).as("old session closed, old key refused").isNull();
        }
        try (var rekeyed = device("cover-4", "cover-4-second-key")) {
            assertThat(rekeyed.post(report(1, 52)).getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        registry.remove("cover-4");
        try (var removed = device("cover-4", "cover-4-second-key")) {
            assertThat(removed.post(report(1, 53))).isNull();
        }
        assertThat(store.of("62001200/cover-4/battery")).extracting(r -> r.numeric().orElseThrow())
                .containsExactly(50.0, 52.0);
    }

    @Test
    void plainCoapOnlyWhenALabAsksForIt() throws Exception {
        server.stop();
        server = server(new ServerOptions("127.0.0.1", 0, 0, 512, 20, 3, Duration.ofHours(1), 64, 2));
        try (var lab = TestDevice.plain(server.plainAddress(), "cover-1")) {
            assertThat(lab.post(report(1, 50)).getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(store.of("62001200/cover-1/battery")).singleElement()
                .satisfies(r -> assertThat(r.numeric().orElseThrow()).isCloseTo(50, within(1e-9)));
        assertThat(new ObjectMapper().readTree(server.statusJson()).path("labPlainPort").asInt()).isZero();
    }
}
