package io.weir.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.testing.TestClock;

/**
 * Interop with an independent implementation: libcoap's coap-client (Debian libcoap3-bin, OpenSSL or GnuTLS build)
 * reports to the server over DTLS with a pre-shared key. Runs when coap-client is installed, is skipped when it is
 * not, and fails then when required ({@code -Dweir.libcoap=required}, as the CI interop step asks).
 */
class LibcoapClientTest {

    private static final long T0 = 1_795_248_000L;
    private static final long CLIENT_WAIT_SECONDS = 30;

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(Instant.ofEpochSecond(T0 + 60));
    private final Recorder store = new Recorder();
    private final DeviceRegistry registry = new DeviceRegistry(clock);
    private CoapServerComponent server;
    private String client;

    @BeforeEach
    void start() throws Exception {
        client = coapClient().orElseGet(() -> {
            String message = "libcoap's coap-client is not installed (apt-get install libcoap3-bin)";
            if ("required".equals(System.getProperty("weir.libcoap"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
            return null;
        });
        registry.put(Devices.cover("cover-1", "cover-1-secret-key"));
        registry.put(Devices.cover("cover-2", "cover-2-secret-key"));
        server = new CoapServerComponent(new ServerOptions("127.0.0.1", 0, -1, 1024, 30, 3, Duration.ofHours(1), 64,
                2), registry, data, clock, Executors.newSingleThreadScheduledExecutor());
        server.addReadingListener(store);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void libcoapReportsWithAPreSharedKeyAndReceivesAQueuedCommand() throws Exception {
        registry.state("cover-1").orElseThrow().enqueue(new DeviceCommand("interval", "21600", clock.instant()));
        String senml = "[{\"bn\":\"cover-1/\",\"bt\":" + T0 + ",\"n\":\"tilt\",\"u\":\"deg\",\"v\":3.5},"
                + "{\"n\":\"bat\",\"u\":\"%\",\"v\":76}]";

        Result result = run("cover-1", "cover-1-secret-key", senml);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("[{\"n\":\"interval\",\"v\":21600}]");
        assertThat(store.of("62001200/cover-1/tilt_angle")).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(3.5));
        assertThat(store.of("62001200/cover-1/battery")).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(76.0));
        assertThat(registry.state("cover-1").orElseThrow().queued()).isEmpty();
    }

    @Test
    void libcoapWithAWrongKeyIsRefused() throws Exception {
        Result result = run("cover-2", "not-the-registered-key", "[{\"n\":\"bat\",\"v\":50}]");

        assertThat(store.batches).as(result.output()).isEmpty();
        assertThat(server.counters().wrongKey.get()).isPositive();
    }

    private record Result(int exit, String output) {
    }

    private Result run(String identity, String key, String payload) throws IOException, InterruptedException {
        // coap-client percent-decodes -e text: a literal % (the SenML unit of battery) must go as %25
        List<String> command = new ArrayList<>(List.of(client, "-m", "post", "-u", identity, "-k", key,
                "-t", "110", "-e", payload.replace("%", "%25"), "-B", "10",
                "coaps://127.0.0.1:" + server.secureAddress().getPort() + "/report"));
        Path out = data.resolve("coap-client.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(CLIENT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("coap-client did not end within " + CLIENT_WAIT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** Debian ships coap-client-openssl, -gnutls and -notls; some systems link one of them as coap-client. */
    private static Optional<String> coapClient() {
        return Stream.of("coap-client", "coap-client-openssl", "coap-client-gnutls")
                .flatMap(name -> Stream.of("/usr/bin/", "/usr/local/bin/").map(dir -> Path.of(dir + name)))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }
}
