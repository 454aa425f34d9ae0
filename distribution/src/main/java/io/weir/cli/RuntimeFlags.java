package io.weir.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM flags the runtime gets beyond those of {@code jvm.options}: those that depend on the machine's JVM or on
 * the runtime's data directory, so cannot be written in a file. Public for the demo and the benchmarks, which start
 * the runtime as {@code weir run} does.
 */
public final class RuntimeFlags {

    /**
     * glibc keeps memory that native code freed (SQLite's caches, the JVM's own arenas) until it is asked to give it
     * back: every five seconds the JVM asks (docs/benchmarks.md, "1,000 channels").
     */
    static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";

    private RuntimeFlags() {
    }

    /**
     * The flags to add after {@code jvmFlags} when starting {@code gatewayJar} with {@code java}: the native heap
     * trimmed where the JVM can do it (OpenJDK 17.0.9 and later; a JVM given a flag it does not know does not start,
     * and this JVM is the same {@code java}), then the class-data sharing archive ({@link ClassDataArchive}).
     */
    public static List<String> added(String java, Path dataDir, Path gatewayJar, List<String> jvmFlags)
            throws IOException {
        List<String> added = new ArrayList<>();
        if (knows("TrimNativeHeapInterval") && jvmFlags.stream().noneMatch(f -> f.startsWith(option(TRIM_NATIVE_HEAP)))) {
            added.add(TRIM_NATIVE_HEAP);
        }
        List<String> all = new ArrayList<>(jvmFlags);
        all.addAll(added);
        added.addAll(ClassDataArchive.flags(java, dataDir, gatewayJar, all));
        return added;
    }

    /**
     * What follows the JVM flags on the runtime's command line, wherever it is started ({@code weir run}, the
     * training run, the demo, the benchmarks): where its site file, profiles and data are, then its jar.
     */
    public static List<String> runtimeArguments(Path siteFile, Path profilesDir, Path dataDir, Path gatewayJar) {
        return List.of("-Dweir.site.file=" + siteFile, "-Dweir.profiles.dir=" + profilesDir,
                "-Dweir.data.dir=" + dataDir, "-jar", gatewayJar.toString());
    }

    /** Whether this JVM has the option {@code name}. */
    static boolean knows(String name) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static String option(String flag) {
        return flag.substring(0, flag.indexOf('=') + 1);
    }
}
