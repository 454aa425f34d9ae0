package io.weir.launcher.framework;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/**
 * bnd launcher activator: under systemd with {@code WatchdogSec}, tells systemd the runtime is alive every third of
 * the watchdog interval, so a hung runtime is restarted. A ping goes out only while the framework is ACTIVE and its
 * service registry answers; a JVM that stalls (a deadlock in the launcher, endless garbage collection) stops
 * pinging. Sent with {@code systemd-notify}: the JDK cannot write to the datagram socket systemd listens on, and
 * the unit's {@code NotifyAccess=all} lets a child process speak for the runtime.
 */
public final class SystemdWatchdog implements BundleActivator {

    public static final String IMMEDIATE = "AFTER_BUNDLES_START";

    private final Map<String, String> env;
    private ScheduledExecutorService timer;

    public SystemdWatchdog() {
        this(System.getenv());
    }

    SystemdWatchdog(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void start(BundleContext context) {
        if (env.get("NOTIFY_SOCKET") == null) {
            return; // not started by systemd
        }
        notifySystemd("READY=1");
        interval(env.get("WATCHDOG_USEC")).ifPresent(every -> {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "weir-systemd-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(() -> {
                if (alive(context)) {
                    notifySystemd("WATCHDOG=1");
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            System.out.println("weir: systemd watchdog pinged every " + every.toSeconds() + " s");
        });
    }

    @Override
    public void stop(BundleContext context) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A third of systemd's watchdog interval, at least a second; empty without a watchdog. */
    static java.util.Optional<Duration> interval(String watchdogMicros) {
        try {
            long micros = watchdogMicros == null ? 0 : Long.parseLong(watchdogMicros.trim());
            return micros <= 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(Duration.ofMillis(Math.max(1_000, micros / 3_000)));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean alive(BundleContext context) {
        try {
            return context.getBundle(0).getState() == Bundle.ACTIVE
                    && context.getServiceReferences((String) null, null) != null;
        } catch (IllegalStateException | InvalidSyntaxException e) {
            return false; // the framework is stopping
        }
    }

    private static void notifySystemd(String state) {
        try {
            Process p = new ProcessBuilder(List.of("systemd-notify", "--pid=" + ProcessHandle.current().pid(), state))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            System.out.println("weir: cannot tell systemd " + state + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
