package io.weir.bench.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of one system on the job, everything fresh: meters, broker, system, subscriber. In order: launch to first
 * reading; a settle period; the measured window (CPU, memory, readings, bytes); a broker outage, then waiting until
 * no more of the readings taken during it arrive; a device server outage, then waiting for that meter's next reading.
 * A benchmark, not a test: the phases are wall time.
 */
final class JobRun {

    /** The meter whose device server goes away. */
    private static final int OUTAGE_METER = 0;
    /** Stored readings have stopped arriving when none came for this long. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    /** How long each phase lasts; {@code giveUp} bounds every wait for something that may never come. */
    record Phases(Duration settle, Duration window, Duration brokerOutage, Duration deviceOutage, Duration giveUp) {
    }

    private record BrokerOutage(long expected, long delivered, double backSeconds) {
    }

    private record DeviceOutage(double backSeconds, long bad) {
    }

    private final Job job;
    private final Phases phases;
    private final Path mosquitto;

    JobRun(Job job, Phases phases, Path mosquitto) {
        this.job = job;
        this.phases = phases;
        this.mosquitto = mosquitto;
    }

    /** The system commissioned, then a subscriber for what it publishes from now on. */
    private Subscriber commissioned(SystemUnderTest system, FloatMeters meters, Mosquitto broker, Path work)
            throws Exception {
        system.commission(job, meters, broker, work.resolve(system.name()));
        return new Subscriber(broker, system.topicFilter(), system.decoder(meters), meters,
                "side-by-side-" + system.name());
    }

    RunResult measure(SystemUnderTest system, Path work) throws Exception {
        try (var meters = new FloatMeters(job);
             var broker = Mosquitto.start(mosquitto, work.resolve("mosquitto"));
             var subscriber = commissioned(system, meters, broker, work)) {
            long launched = System.nanoTime();
            try (SystemUnderTest.Launched running = system.launch(job, meters, broker, work.resolve(system.name()))) {
                double firstMillis;
                try {
                    firstMillis = (subscriber.firstReadingNanos(phases.giveUp().toSeconds()) - launched) / 1e6;
                } catch (TimeoutException e) {
                    throw new IllegalStateException(system.name() + ": no reading within " + phases.giveUp()
                            + "; see " + running.log(), e);
                }
                progress(system, "first reading after %.0f ms; settling %s", firstMillis, phases.settle());
                Thread.sleep(phases.settle().toMillis());

                double cpuBefore = ProcessTree.cpuSeconds(running.pid());
                Subscriber.Counts before = subscriber.counts();
                long windowStart = System.nanoTime();
                Thread.sleep(phases.window().toMillis());
                double seconds = (System.nanoTime() - windowStart) / 1e9;
                double cpuPerMinute = (ProcessTree.cpuSeconds(running.pid()) - cpuBefore) * 60 / seconds;
                Subscriber.Counts counts = subscriber.counts().minus(before);
                double rssMiB = ProcessTree.residentKib(running.pid()) / 1024.0;
                progress(system, "window %.0f s: %.2f CPU-s/min, %.1f MiB, %.1f readings/s", seconds,
                        cpuPerMinute, rssMiB, counts.good() / seconds);

                BrokerOutage outage = brokerOutage(system, broker, subscriber, meters);
                DeviceOutage device = deviceOutage(system, subscriber, meters);
                long readings = counts.good() + counts.bad();
                return new RunResult(firstMillis, cpuPerMinute, rssMiB, counts.good() / seconds,
                        perReading(counts.payloadBytes(), readings),
                        perReading(counts.payloadBytes() + counts.topicBytes(), readings), outage.expected(),
                        outage.delivered(), outage.backSeconds(), device.backSeconds(), device.bad());
            }
        }
    }

    private BrokerOutage brokerOutage(SystemUnderTest system, Mosquitto broker, Subscriber subscriber,
                                      FloatMeters meters) throws Exception {
        broker.stop();
        long stoppedMillis = System.currentTimeMillis();
        progress(system, "broker stopped for %s", phases.brokerOutage());
        Thread.sleep(phases.brokerOutage().toMillis());
        long restartedMillis = System.currentTimeMillis();
        CompletableFuture<Long> live = subscriber.watchFor(-1, restartedMillis);
        long restarted = System.nanoTime();
        broker.restart(phases.giveUp().toSeconds());
        // the whole seconds of the meters' clock that lie entirely inside the outage
        long from = (stoppedMillis - meters.epochMillis()) / 1000 + 1;
        long to = (restartedMillis - meters.epochMillis()) / 1000;
        long expected = Math.round((to - from) * job.readingsPerSecond());
        double back = awaitSeconds(live, restarted);
        long delivered = subscriber.takenBetween(from, to);
        long deadline = System.nanoTime() + phases.giveUp().toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < QUIET.toNanos()) {
            Thread.sleep(1000);
            long now = subscriber.takenBetween(from, to);
            if (now != delivered) {
                delivered = now;
                quietSince = System.nanoTime();
            }
        }
        progress(system, "broker outage: %d of %d readings delivered; first live reading %.1f s after restart%s",
                delivered, expected, back, delivered == 0 ? "" : unevenSeconds(subscriber, from, to));
        return new BrokerOutage(expected, delivered, back);
    }

    /**
     * The seconds of the outage in which other than the job's readings per second were taken. A short second with
     * no long one beside it is readings lost or polls not made; the subscriber cannot tell which.
     */
    private String unevenSeconds(Subscriber subscriber, long from, long to) {
        var uneven = new StringBuilder();
        for (long s = from; s < to; s++) {
            long n = subscriber.takenIn(s);
            if (n != job.readingsPerSecond()) {
                uneven.append(uneven.isEmpty() ? "; uneven seconds (second: readings):" : ",")
                        .append(' ').append(s - from).append(": ").append(n);
            }
        }
        return uneven.toString();
    }

    private DeviceOutage deviceOutage(SystemUnderTest system, Subscriber subscriber, FloatMeters meters)
            throws Exception {
        long badBefore = subscriber.counts().bad();
        meters.stop(OUTAGE_METER);
        progress(system, "device server of %s stopped for %s", Job.meterId(OUTAGE_METER), phases.deviceOutage());
        Thread.sleep(phases.deviceOutage().toMillis());
        CompletableFuture<Long> next = subscriber.watchFor(OUTAGE_METER, System.currentTimeMillis());
        long restored = System.nanoTime();
        meters.restore(OUTAGE_METER);
        double back = awaitSeconds(next, restored);
        progress(system, "device server back: next reading after %.1f s", back);
        return new DeviceOutage(back, subscriber.counts().bad() - badBefore);
    }

    /** Seconds from {@code sinceNanos} to the arrival; NaN when it did not come within the give-up time. */
    private double awaitSeconds(CompletableFuture<Long> arrival, long sinceNanos) throws Exception {
        try {
            return (arrival.get(phases.giveUp().toSeconds(), TimeUnit.SECONDS) - sinceNanos) / 1e9;
        } catch (TimeoutException e) {
            return Double.NaN;
        }
    }

    private static double perReading(long bytes, long readings) {
        return readings == 0 ? Double.NaN : (double) bytes / readings;
    }

    private static void progress(SystemUnderTest system, String format, Object... args) {
        System.out.printf("  %s: %s%n", system.name(), String.format(Locale.ROOT, format, args));
    }
}
