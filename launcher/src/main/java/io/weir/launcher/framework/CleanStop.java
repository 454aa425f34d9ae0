package io.weir.launcher.framework;

import java.time.Duration;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * bnd launcher activator: when the JVM is asked to end (SIGTERM from systemd, Ctrl-C), stop the framework in order
 * before the JVM exits, so every component deactivates (the uplink publishes its clean death, the store and the
 * rules flush their state). The JVM runs shutdown hooks and then halts without waiting for anything else, so the
 * hook itself waits for the framework, bounded by {@value #TIMEOUT_PROPERTY} for a component that hangs.
 */
public final class CleanStop implements BundleActivator {

    /** Read by bnd's launcher: start this activator as soon as the framework is initialised. */
    public static final String IMMEDIATE = "AFTER_FRAMEWORK_INIT";
    public static final String TIMEOUT_PROPERTY = "weir.stop.timeout";
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private Thread hook;

    @Override
    public void start(BundleContext context) {
        Framework framework = (Framework) context.getBundle(0);
        Duration timeout = timeout(context.getProperty(TIMEOUT_PROPERTY));
        hook = new Thread(() -> stop(framework, timeout), "weir-clean-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void stop(BundleContext context) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is what is stopping us
        }
    }

    static void stop(Framework framework, Duration timeout) {
        if ((framework.getState() & (Framework.ACTIVE | Framework.STARTING)) == 0) {
            System.out.println("weir: stop requested; the framework is already stopping (state "
                    + framework.getState() + ")");
            return;
        }
        long started = System.nanoTime();
        System.out.println("weir: stop requested; stopping the runtime (at most " + timeout.toSeconds() + " s)");
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(timeout.toMillis());
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.out.println("weir: runtime did not stop within " + timeout.toSeconds() + " s; exiting anyway");
            } else {
                System.out.println("weir: runtime stopped cleanly in " + millis + " ms");
            }
        } catch (BundleException e) {
            System.out.println("weir: stopping the runtime failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration timeout(String configured) {
        if (configured != null && !configured.isBlank()) {
            try {
                long seconds = Long.parseLong(configured.trim());
                if (seconds > 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // fall through to the default, said below
            }
            System.out.println("weir: " + TIMEOUT_PROPERTY + "=" + configured + " is not a positive number of seconds;"
                    + " using " + DEFAULT_TIMEOUT_SECONDS);
        }
        return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    }
}
