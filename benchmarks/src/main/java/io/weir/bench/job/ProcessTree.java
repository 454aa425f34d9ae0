package io.weir.bench.job;

import java.io.IOException;
import java.util.stream.LongStream;

import io.weir.bench.ResidentMemory;
import io.weir.bench.cloud.CpuTime;

/** A process and its descendants as /proc sees them now: CPU seconds used so far and resident memory. */
final class ProcessTree {

    private ProcessTree() {
    }

    static double cpuSeconds(long pid) {
        return pids(pid).mapToDouble(CpuTime::ofProcess).sum();
    }

    /** Sum of VmRSS, KiB; a process that ended in between counts nothing. */
    static long residentKib(long pid) {
        return pids(pid).map(p -> {
            try {
                return ResidentMemory.kib(p);
            } catch (IOException e) {
                return 0;
            }
        }).sum();
    }

    private static LongStream pids(long pid) {
        return LongStream.concat(LongStream.of(pid), ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants).mapToLong(ProcessHandle::pid));
    }
}
