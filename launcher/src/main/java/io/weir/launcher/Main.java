package io.weir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.jar.Manifest;

import io.weir.launcher.framework.CleanStop;

/**
 * Entry point of {@code weir-gateway.jar}. Answers {@code --help} and {@code --version} without touching the disk;
 * otherwise prepares the runtime's directories and hands over to bnd's launcher with the framework storage kept
 * in the data directory, so installed deployment packages and ConfigAdmin survive restarts and power cuts.
 */
public final class Main {

    /**
     * Launcher activators, by name: they must load next to the framework. CleanStop stops the framework in order
     * when the JVM is asked to end; SystemdWatchdog keeps systemd's watchdog fed while the runtime is alive.
     */
    static final String ACTIVATORS = "io.weir.launcher.framework.CleanStop,io.weir.launcher.framework.SystemdWatchdog";

    private static final String BND_LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            usage(System.out);
            return;
        }
        if (arguments.contains("--version") || arguments.contains("-V")) {
            System.out.println("weir-gateway " + version());
            return;
        }
        if (!arguments.isEmpty()) {
            System.err.println("weir-gateway: unexpected argument(s) " + arguments
                    + "; settings are system properties (-Dname=value) before -jar");
            usage(System.err);
            System.exit(2);
        }
        RuntimeLayout layout = RuntimeLayout.from(System::getProperty);
        try {
            layout.prepare();
        } catch (IOException e) {
            System.err.println("weir-gateway: cannot prepare " + layout.dataDir() + ": " + e.getMessage());
            System.exit(1);
        }
        layout.exportTo(System::setProperty);
        System.setProperty("launch.activators", ACTIVATORS);
        // bnd's launcher is put into the jar by bnd's export, not a Maven artifact we can compile against
        MethodHandles.publicLookup()
                .findStatic(Class.forName(BND_LAUNCHER), "main", MethodType.methodType(void.class, String[].class))
                .invoke(args);
    }

    static void usage(PrintStream out) {
        out.println("""
                Usage: java [-Dname=value ...] -jar weir-gateway.jar [--help | --version]

                Starts the Weir gateway runtime (an OSGi framework) in this JVM; SIGTERM or Ctrl-C stops it in order.

                Settings (system properties):
                  weir.site.file      the site file (default conf/site.yaml)
                  weir.profiles.dir   the device-profile directory (default conf/profiles)
                  weir.data.dir       the gateway's state: store, rule state, deploy downloads, and in framework/
                                      the installed bundles and deployment packages and ConfigAdmin's copies of the
                                      configuration (default data; created owner-only)
                  weir.stop.timeout   seconds the clean stop may take before the JVM ends anyway (default %d)

                Options:
                  -h, --help          print this and exit
                  -V, --version       print the version and exit
                """.formatted(CleanStop.DEFAULT_TIMEOUT_SECONDS));
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            String version = in == null ? null
                    : new Manifest(in).getMainAttributes().getValue("Weir-Version");
            return version == null ? "(unknown version)" : version;
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
