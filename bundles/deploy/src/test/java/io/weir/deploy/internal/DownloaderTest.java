package io.weir.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** The downloader against a real HTTPS server (JDK), with a certificate keytool makes for the test. */
class DownloaderTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    private static SSLContext serverSsl;
    private static SSLContext clientSsl;

    private final byte[] content = new byte[100_000];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile boolean honourRanges = true;
    private volatile boolean chunked;
    private HttpsServer server;

    @BeforeAll
    static void certificate() throws Exception {
        Path store = keys.resolve("tls.p12");
        keytool("-genkeypair", "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        KeyStore keyStore = KeyStore.getInstance(store.toFile(), PASSWORD.toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD.toCharArray());
        serverSsl = SSLContext.getInstance("TLS");
        serverSsl.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        clientSsl = SSLContext.getInstance("TLS");
        clientSsl.init(null, trust.getTrustManagers(), null);
    }

    @BeforeEach
    void serve() throws IOException {
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverSsl));
        server.createContext("/p.dp", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsAWholeFileReportingProgress() throws Exception {
        Path partial = dir.resolve("job.part");
        List<Long> progress = new ArrayList<>();

        long size = downloader().download(url(), partial, (done, total) -> {
            assertThat(total).isEqualTo(content.length);
            progress.add(done);
        });

        assertThat(size).isEqualTo(content.length);
        assertThat(Files.readAllBytes(partial)).isEqualTo(content);
        assertThat(progress).startsWith(0L).endsWith((long) content.length).isSorted();
        assertThat(ranges).containsExactly("-");
    }

    @Test
    void continuesAPartialFileWithARangeRequest() throws Exception {
        Path partial = dir.resolve("job.part");
        Files.write(partial, Arrays.copyOf(content, 40_000));

        downloader().download(url(), partial, (done, total) -> { });

        assertThat(ranges).containsExactly("bytes=40000-");
        assertThat(Files.readAllBytes(partial)).isEqualTo(content);
    }

    @Test
    void startsOverWhenTheServerIgnoresTheRange() throws Exception {
        honourRanges = false;
        Path partial = dir.resolve("job.part");
        Files.write(partial, "stale bytes of another file".getBytes(StandardCharsets.UTF_8));

        downloader().download(url(), partial, (done, total) -> { });

        assertThat(Files.readAllBytes(partial)).isEqualTo(content);
    }

    @Test
    void anHttpErrorSaysWhichStatus() {
        URI missing = URI.create("https://localhost:" + server.getAddress().getPort() + "/nothing.dp");

        assertThatThrownBy(() -> downloader().download(missing, dir.resolve("job.part"), (done, total) -> { }))
                .isInstanceOf(IOException.class).hasMessage("HTTP 404 from localhost");
    }

    @Test
    void refusesAServerItDoesNotTrust() throws Exception {
        Downloader trustingOnlyTheJvmDefaults = new Downloader(SSLContext.getDefault(), Duration.ofSeconds(5),
                1 << 20);

        assertThatThrownBy(() -> trustingOnlyTheJvmDefaults.download(url(), dir.resolve("job.part"),
                (done, total) -> { })).isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void theTlsContextIsMadeAtTheFirstDownloadAndAskedAgainAfterAFailure() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        Downloader lazy = new Downloader(() -> {
            asked.add("context");
            if (asked.size() == 1) {
                throw new java.security.cert.CertificateException("no certificate in ca.pem");
            }
            return clientSsl;
        }, Duration.ofSeconds(5), 1 << 20);
        assertThat(asked).isEmpty();

        assertThatThrownBy(() -> lazy.download(url(), dir.resolve("job.part"), (done, total) -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("no certificate in ca.pem");
        assertThat(lazy.download(url(), dir.resolve("job.part"), (done, total) -> { })).isEqualTo(content.length);
        lazy.download(url(), dir.resolve("again.part"), (done, total) -> { });
        assertThat(asked).hasSize(2);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedByItsLengthOrCutOffOnTheWay() throws Exception {
        Path partial = dir.resolve("job.part");
        Downloader small = new Downloader(clientSsl, Duration.ofSeconds(5), content.length - 1);

        assertThatThrownBy(() -> small.download(url(), partial, (done, total) -> { }))
                .hasMessage("localhost announces 100000 bytes, more than the limit of 99999");
        chunked = true; // no length announced: counted as it comes
        assertThatThrownBy(() -> small.download(url(), partial, (done, total) -> { }))
                .hasMessage("localhost sent more than the limit of 99999 bytes");
        assertThat(Files.size(partial)).isLessThanOrEqualTo(content.length - 1);
    }

    private Downloader downloader() {
        return new Downloader(clientSsl, Duration.ofSeconds(5), 1 << 20);
    }

    private URI url() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/p.dp");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "-" : range);
        int from = honourRanges && range != null ? Integer.parseInt(range.substring(6, range.length() - 1)) : 0;
        if (from > 0) {
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - from);
        } else {
            exchange.sendResponseHeaders(200, chunked ? 0 : content.length);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, from, content.length - from);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
