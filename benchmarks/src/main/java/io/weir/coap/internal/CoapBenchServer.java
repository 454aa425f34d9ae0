package io.weir.coap.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;

/**
 * The coap bundle's server as the benchmark drives it: the real component, its registry filled with devices, and
 * a reading listener that only counts (the store's own cost is measured in its own benchmark).
 */
public final class CoapBenchServer implements AutoCloseable {

    /** A fresh profile, as each device component parses its own from its configuration. */
    static CoapProfile cover() {
        return new CoapProfile(new String("nbiot-manhole-cover"), List.of(
                new SenmlPoint(new String("tilt_angle"), new String("tilt"), new String("deg"), new String("deg"), 1, 0),
                new SenmlPoint(new String("water_level"), new String("level"), new String("m"), new String("m"), 1, 0),
                new SenmlPoint(new String("battery"), new String("bat"), new String("%"), new String("%"), 1, 0),
                new SenmlPoint(new String("rssi"), new String("rssi"), new String("dBm"), new String("dBm"), 1, 0)),
                new String("tilt_angle"));
    }

    private final DeviceRegistry registry;
    private final CoapServerComponent server;
    private final AtomicLong readings = new AtomicLong();

    public CoapBenchServer(int devices, Path dataDir, boolean plainToo, int threads) throws Exception {
        registry = fill(devices);
        server = new CoapServerComponent(new ServerOptions("127.0.0.1", 0, plainToo ? 0 : -1, 1024, 1_000_000, 3,
                Duration.ofHours(1), Math.max(64, devices * 2), threads), registry, dataDir, Clock.systemUTC(),
                Executors.newSingleThreadScheduledExecutor());
        server.addReadingListener(new ReadingListener() {
            @Override
            public void onReadings(List<Reading> batch) {
                readings.addAndGet(batch.size());
            }
        });
        server.start();
    }

    /** A registry of {@code devices} covers, kept by the caller for a heap measure (its type is internal). */
    public static Object registryOf(int devices) {
        DeviceRegistry registry = fill(devices);
        if (registry.size() != devices) {
            throw new IllegalStateException("registry holds " + registry.size() + ", not " + devices);
        }
        return registry;
    }

    /** A registry holding {@code devices} covers: identity {@code cover-<i>}, key {@code key-of-cover-<i>}. */
    static DeviceRegistry fill(int devices) {
        var registry = new DeviceRegistry(Clock.systemUTC());
        for (int i = 0; i < devices; i++) {
            registry.put(new CoapDevice("cover-" + i, "62001300", identity(i), key(i).getBytes(StandardCharsets.UTF_8),
                    cover(), Duration.ofHours(6)));
        }
        return registry;
    }

    public static String identity(int i) {
        return "cover-" + i;
    }

    public static String key(int i) {
        return "key-of-cover-" + i;
    }

    public InetSocketAddress secure() {
        return server.secureAddress();
    }

    public InetSocketAddress plain() {
        return server.plainAddress();
    }

    public long readings() {
        return readings.get();
    }

    public String status() {
        return server.statusJson();
    }

    @Override
    public void close() {
        server.stop();
    }
}
