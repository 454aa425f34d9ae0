package io.weir.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.testing.TestClock;

/**
 * Issue 17: a gateway restart forgot the commands queued for sleeping devices and when each device was last heard
 * (so a gateway restarted daily never flagged a dead device). Here the first life runs in a JVM of its own
 * ({@link DeviceStateFirstLife}) that stops and ends; new instances in this JVM read the same data directory, as
 * the restarted gateway does: the command still goes out in the answer to the
 * device's next report, the device keeps its last-seen time, and silence is judged from it once the device had
 * one report interval to be heard.
 */
class DeviceStateRestartTest {

    private static final String KEY = "cover-1-secret-key";
    private static final long T0 = 1_795_248_000L;

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(Instant.ofEpochSecond(T0 + 60));

    static DeviceStateStore store(Path data) {
        return new DeviceStateStore(data.resolve("coap").resolve("devices"));
    }

    static CoapServerComponent server(Path data, TestClock clock, DeviceRegistry registry, Recorder recorder)
            throws Exception {
        var server = new CoapServerComponent(new ServerOptions("127.0.0.1", 0, -1, 512, 20, 3, Duration.ofHours(1),
                64, 2), registry, data, clock, Executors.newSingleThreadScheduledExecutor());
        server.addReadingListener(recorder);
        server.addEventListener(recorder);
        server.start();
        return server;
    }

    private Instant firstLife() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = data.resolve("first-life.out");
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                DeviceStateFirstLife.class.getName(), data.toString(), Long.toString(clock.instant().getEpochSecond()),
                KEY).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the first life ends").isTrue();
        String output = Files.readString(out);
        assertThat(child.exitValue()).as(output).isZero();
        return Instant.parse(output.lines().filter(l -> l.startsWith("heard=")).findFirst().orElseThrow()
                .substring("heard=".length()));
    }

    static String report(double tilt) {
        return "[{\"bn\":\"cover-1/\",\"bt\":" + T0 + ",\"n\":\"tilt\",\"u\":\"deg\",\"v\":" + tilt + "}]";
    }

    @Test
    void queuedCommandsAndLastSeenSurviveARestart() throws Exception {
        // the first life in a JVM of its own, which ends: what survives is only what it wrote
        Instant heard = firstLife();

        clock.advance(Duration.ofMinutes(25)); // past 3 report intervals of 10 minutes since it was heard
        var registry = new DeviceRegistryComponent(clock, store(data));
        registry.registry().put(Devices.cover("cover-1", KEY));
        var recorder = new Recorder();
        var server = server(data, clock, registry.registry(), recorder);
        try {
            DeviceState state = registry.registry().state("cover-1").orElseThrow();
            assertThat(state.lastSeen()).isEqualTo(heard);
            assertThat(state.queued()).extracting(DeviceCommand::name).containsExactly("interval");

            clock.advance(Duration.ofMinutes(5));
            server.silence().check();
            assertThat(state.silent()).as("within one report interval of the restart").isFalse();
            clock.advance(Duration.ofMinutes(6));
            server.silence().check();
            assertThat(state.silent()).as("silent since before the restart").isTrue();
            assertThat(recorder.events).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("COAP_DEVICE_SILENT");
                assertThat(e.details()).containsEntry("lastSeen", heard.toString());
            });

            try (var cover = TestDevice.dtls(server.secureAddress(), "cover-1", KEY)) {
                Response answer = cover.post(report(1.5));
                assertThat(answer.getCode()).isEqualTo(ResponseCode.CHANGED);
                assertThat(answer.getPayloadString()).isEqualTo("[{\"n\":\"interval\",\"v\":21600}]");
            }
            assertThat(state.queued()).isEmpty();
        } finally {
            server.stop();
        }

        Path file = data.resolve("coap").resolve("devices").resolve("cover-1.json");
        assertThat(file).exists();
        assertThat(Files.readString(file)).doesNotContain("interval");
        registry.registry().remove("cover-1", true); // its configuration was deleted: forgotten
        assertThat(file).doesNotExist();
    }
}
