package io.weir.cli;

import java.util.Map;

/**
 * The environment the runtime's JVM is started with, wherever it is started (`weir run`, the demo, the benchmarks):
 * what a JVM cannot set for itself once it runs. Public for the demo and the benchmarks. The {@code weir} script
 * sets the same for systemd's and a shell's {@code weir run}.
 */
public final class RuntimeEnvironment {

    /**
     * glibc's malloc gives each thread that allocates natively its own arena, up to eight per core, and every arena
     * keeps the memory it once held; two arenas are enough for a runtime whose native allocations are few, and cut
     * the resident set (docs/benchmarks.md, "Gateway baseline").
     */
    static final Map<String, String> DEFAULTS = Map.of("MALLOC_ARENA_MAX", "2");

    private RuntimeEnvironment() {
    }

    /** Adds the runtime's settings to {@code environment}, except those already set there (a user's own win). */
    public static void addTo(Map<String, String> environment) {
        DEFAULTS.forEach(environment::putIfAbsent);
    }
}
