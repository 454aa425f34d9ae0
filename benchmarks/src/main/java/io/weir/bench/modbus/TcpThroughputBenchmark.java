package io.weir.bench.modbus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.weir.api.Quality;
import io.weir.api.profile.DeviceProfile;
import io.weir.modbus.internal.ModbusBenchAccess;
import io.weir.modbus.internal.ModbusBenchAccess.BenchDevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Modbus TCP on loopback: 100 devices (the four kinds of {@link BenchSite}, 25 each, 3,000 channels), each on its
 * own connection and thread as Weir's endpoints run them, polled back to back for a fixed time. Reports channels
 * read per second and CPU per 1,000 channels: the polling threads' own CPU (Weir's poller, decoder and j2mod
 * master), and the whole process's (which also carries the 100 in-process j2mod slaves).
 */
@Command(name = "modbus-tcp-throughput", mixinStandardHelpOptions = true)
public final class TcpThroughputBenchmark implements Callable<Integer> {

    @Option(names = "--devices", defaultValue = "100")
    int devices;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TcpThroughputBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var profiles = new ArrayList<DeviceProfile>();
        for (int i = 0; i < devices; i++) {
            List<DeviceProfile> kinds = List.of(BenchSite.energyMeter(i), BenchSite.flowMeter(i),
                    BenchSite.ioModule(i), BenchSite.levelGauge(i));
            profiles.add(kinds.get(i % 4));
        }
        var slaves = new ArrayList<CountingSlave>();
        var polled = new ArrayList<BenchDevice>();
        try {
            for (DeviceProfile p : profiles) {
                CountingSlave slave = new CountingSlave(BenchSite.registersNeeded(p), 64, BenchSite.holes(p));
                slaves.add(slave);
                polled.add(ModbusBenchAccess.tcpDevice(p.id(), 1, p, "127.0.0.1", slave.port()));
            }
            RtuWireTimeBenchmark.warmUp(polled);
            double[] rates = new double[runs];
            double[] weirCpu = new double[runs];
            double[] processCpu = new double[runs];
            for (int r = 0; r < runs; r++) {
                Result result = run(polled);
                rates[r] = result.channels / (result.nanos / 1e9);
                weirCpu[r] = result.pollCpuNanos / 1e6 / (result.channels / 1000.0);
                processCpu[r] = result.processCpuNanos / 1e6 / (result.channels / 1000.0);
                System.out.printf(Locale.ROOT, "run %d: %,.0f channels/s; CPU per 1,000 channels: %.2f ms polling"
                        + " threads, %.2f ms whole process (slaves included); bad values %d%n", r + 1, rates[r],
                        weirCpu[r], processCpu[r], result.bad);
            }
            System.out.printf(Locale.ROOT, "median of %d runs, %d devices, %d channels: %,.0f channels/s;"
                    + " CPU per 1,000 channels %.2f ms (polling threads), %.2f ms (process)%n", runs, devices,
                    BenchSite.channels(profiles), median(rates), median(weirCpu), median(processCpu));
        } finally {
            for (BenchDevice d : polled) {
                d.close();
            }
            slaves.forEach(CountingSlave::close);
        }
        return 0;
    }

    private record Result(long channels, long bad, long nanos, long pollCpuNanos, long processCpuNanos) {
    }

    private Result run(List<BenchDevice> polled) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var good = new AtomicLong();
        var bad = new AtomicLong();
        var cpu = new AtomicLong();
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(polled.size());
        long[] window = new long[2];
        var workers = new ArrayList<Thread>();
        for (BenchDevice d : polled) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    while (System.nanoTime() < window[1]) {
                        for (var reading : d.poll()) {
                            (reading.quality() == Quality.GOOD ? good : bad).incrementAndGet();
                        }
                    }
                    cpu.addAndGet(threads.getCurrentThreadCpuTime() - cpuStart);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "weir-bench-poll");
            t.start();
            workers.add(t);
        }
        long processBefore = os.getProcessCpuTime();
        window[0] = System.nanoTime();
        window[1] = window[0] + seconds * 1_000_000_000L;
        start.countDown();
        done.await();
        long elapsed = System.nanoTime() - window[0];
        long processCpu = os.getProcessCpuTime() - processBefore;
        for (Thread t : workers) {
            t.join();
        }
        return new Result(good.get(), bad.get(), elapsed, cpu.get(), processCpu);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
