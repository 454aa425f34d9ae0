package io.weir.bench.cloud;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where the CPU went during a measurement: this JVM's threads grouped by what they belong to (adapter, broker,
 * gateways), and other processes read from {@code /proc}. Threads that ended in between are not counted.
 */
public final class CpuTime {
    /** Linux's USER_HZ, the unit of utime and stime in /proc/[pid]/stat, is 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {
    }

    /** utime + stime of a process in seconds; 0 if it is gone. */
    public static double ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds the whole machine has spent outside idle and iowait so far, over all cores (/proc/stat). */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Per-thread CPU nanoseconds now, keyed by thread id, with the thread names. */
    static Map<Long, Sample> threads() {
        Map<Long, Sample> samples = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                samples.put(info.getThreadId(), new Sample(info.getThreadName(), cpu));
            }
        }
        return samples;
    }

    /** CPU seconds per group between two samples; threads born in between count from zero. */
    static Map<String, Double> byGroup(Map<Long, Sample> before, Map<Long, Sample> after,
                                       Function<String, String> group) {
        Map<String, Double> seconds = new TreeMap<>();
        after.forEach((id, sample) -> {
            Sample start = before.get(id);
            long used = sample.nanos() - (start == null ? 0 : start.nanos());
            seconds.merge(group.apply(sample.name()), used / 1e9, Double::sum);
        });
        return seconds;
    }

    record Sample(String name, long nanos) {
    }
}
