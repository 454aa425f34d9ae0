package io.weir.bench.coap;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

import io.weir.coap.internal.CoapBenchServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * CoAP/DTLS figures for docs/benchmarks.md, all on loopback against the coap bundle's real server:
 * <ul>
 * <li>DTLS handshakes per second: fresh Scandium PSK clients, each doing a full handshake and one report;</li>
 * <li>reports per second over established DTLS sessions, next to the same over plain CoAP (the peer: what DTLS
 * costs);</li>
 * <li>heap per registered device with 10,000 devices (a city's covers) in the registry.</li>
 * </ul>
 * Each figure is the median of {@code --runs} runs.
 */
@Command(name = "coap-benchmark", mixinStandardHelpOptions = true)
public final class CoapBenchmark implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5")
    int runs;
    @Option(names = "--handshakes", defaultValue = "400", description = "fresh clients per handshake run")
    int handshakes;
    @Option(names = "--reports", defaultValue = "4000", description = "reports per throughput run")
    int reports;
    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients")
    int clients;
    @Option(names = "--server-threads", defaultValue = "2")
    int serverThreads;
    @Option(names = "--devices", defaultValue = "10000", description = "registered devices for the memory figure")
    int devices;

    private final AtomicLong time = new AtomicLong(1_795_248_000L);

    public static void main(String[] args) {
        System.exit(new CommandLine(new CoapBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("weir-bench-coap");
        double[] hs = new double[runs];
        double[] dtls = new double[runs];
        double[] plain = new double[runs];
        // a fresh server per run: client sockets of one run never reuse a port the server still holds a session for
        try (var server = new CoapBenchServer(Math.max(handshakes, clients), data, true, serverThreads)) {
            warmUp(server);
        }
        for (int r = 0; r < runs; r++) {
            try (var server = new CoapBenchServer(Math.max(handshakes, clients), data, true, serverThreads)) {
                hs[r] = handshakesPerSecond(server);
                dtls[r] = reportsPerSecond(server, true);
                plain[r] = reportsPerSecond(server, false);
            }
            System.out.printf(Locale.ROOT, "run %d: %.0f handshakes/s, %.0f DTLS reports/s, %.0f plain reports/s%n",
                    r + 1, hs[r], dtls[r], plain[r]);
        }
        double[] perDevice = new double[runs];
        for (int r = 0; r < runs; r++) {
            perDevice[r] = bytesPerDevice();
        }
        System.out.printf(Locale.ROOT, "%nmedians over %d runs (%d clients, %d server threads, %d cores):%n", runs,
                clients, serverThreads, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "DTLS handshakes (PSK, full, + 1 report): %.0f /s%n", median(hs));
        System.out.printf(Locale.ROOT, "reports over DTLS sessions:              %.0f /s%n", median(dtls));
        System.out.printf(Locale.ROOT, "reports over plain CoAP (peer):          %.0f /s  (DTLS/plain = %.2f)%n",
                median(plain), median(dtls) / median(plain));
        System.out.printf(Locale.ROOT, "heap per registered device (%d devices): %.0f bytes%n", devices,
                median(perDevice));
        return 0;
    }

    private void warmUp(CoapBenchServer server) throws Exception {
        handshakesPerSecond(server);
        reportsPerSecond(server, true);
        reportsPerSecond(server, false);
    }

    private double handshakesPerSecond(CoapBenchServer server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CoapEndpoint> open = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                done.add(pool.submit(() -> {
                    // a new client (socket, identity, key) per handshake, kept open until the run ends so that no
                    // later client reuses its port while the server still holds its session
                    for (int i = first; i < handshakes; i += clients) {
                        CoapEndpoint endpoint = dtlsClient(CoapBenchServer.identity(i), CoapBenchServer.key(i));
                        open.add(endpoint);
                        report(endpoint, "coaps", server.secure(), null);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return handshakes / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            open.forEach(CoapEndpoint::destroy);
        }
    }

    private double reportsPerSecond(CoapBenchServer server, boolean secure) throws Exception {
        List<CoapEndpoint> endpoints = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            endpoints.add(secure ? dtlsClient(CoapBenchServer.identity(c), CoapBenchServer.key(c)) : plainClient());
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int c = 0; c < clients; c++) { // sessions first: this figure is about established ones
                report(endpoints.get(c), secure ? "coaps" : "coap", secure ? server.secure() : server.plain(),
                        secure ? null : CoapBenchServer.identity(c));
            }
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = client; i < reports; i += clients) {
                        report(endpoints.get(client), secure ? "coaps" : "coap",
                                secure ? server.secure() : server.plain(),
                                secure ? null : CoapBenchServer.identity(client));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return reports / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            endpoints.forEach(CoapEndpoint::destroy);
        }
    }

    /** One confirmable SenML report with its own base time, so none is dropped as a duplicate. */
    private void report(CoapEndpoint endpoint, String scheme, InetSocketAddress server, String plainId)
            throws InterruptedException {
        long t = time.incrementAndGet();
        String senml = "[{\"bt\":" + t + ",\"n\":\"tilt\",\"u\":\"deg\",\"v\":2.5},{\"n\":\"level\",\"u\":\"m\",\"v\":0.4},"
                + "{\"n\":\"bat\",\"u\":\"%\",\"v\":81},{\"n\":\"rssi\",\"u\":\"dBm\",\"v\":-97}]";
        Request request = Request.newPost();
        request.setURI(scheme + "://127.0.0.1:" + server.getPort() + "/report" + (plainId == null ? "" : "?id=" + plainId));
        request.setPayload(senml.getBytes(StandardCharsets.UTF_8));
        request.getOptions().setContentFormat(110);
        endpoint.sendRequest(request);
        Response response = request.waitForResponse(30_000);
        if (response == null || response.getCode() != ResponseCode.CHANGED) {
            throw new IllegalStateException("report not accepted: " + response);
        }
    }

    private static CoapEndpoint dtlsClient(String identity, String key) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS,
                UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.UTF_8)))
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new DTLSConnector(dtls)).build();
        start(endpoint);
        return endpoint;
    }

    private static CoapEndpoint plainClient() {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS,
                SystemConfig.DEFINITIONS);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        start(endpoint);
        return endpoint;
    }

    private static void start(CoapEndpoint endpoint) {
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Heap held by a registry of {@code devices} covers (device, key, state), per device. */
    private double bytesPerDevice() throws InterruptedException {
        long before = usedHeap();
        Object registry = CoapBenchServer.registryOf(devices);
        long after = usedHeap();
        java.lang.ref.Reference.reachabilityFence(registry);
        return (after - before) / (double) devices;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100); // let the collector settle; a measurement, not a test
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
