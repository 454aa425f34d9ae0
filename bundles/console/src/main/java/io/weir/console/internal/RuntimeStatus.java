package io.weir.console.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, in one line, whether every bundle is ACTIVE and every DS component satisfied: once the runtime has
 * settled after start, and again whenever that picture changes (a site file reload adds devices, a bundle fails).
 * The Gogo command {@code weir:status} gives the same report on demand.
 */
@Component(service = RuntimeStatus.class, immediate = true, configurationPid = LocalConsole.PID,
        property = {"osgi.command.scope=weir", "osgi.command.function=status"})
public final class RuntimeStatus implements FrameworkListener, BundleListener, ServiceListener {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeStatus.class);
    /** Quiet time after the last bundle or service change before the picture counts as settled. */
    private static final long SETTLE_MILLIS = 1_000;
    /** How often the field side (site file, devices, store) is looked at again: it changes without any event. */
    private static final long RECHECK_SECONDS = 15;

    private final BundleContext context;
    private final HealthCheck check;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private String lastLogged;

    @Activate
    public RuntimeStatus(BundleContext context, @Reference ServiceComponentRuntime scr, LocalConsoleConfig config) {
        this.context = context;
        this.check = new HealthCheck(context, scr, new StatusConcerns(config.unansweredPolls()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-runtime-status");
            t.setDaemon(true);
            return t;
        });
        context.addFrameworkListener(this);
        context.addBundleListener(this);
        context.addServiceListener(this);
        changed();
        timer.scheduleWithFixedDelay(this::logIfChanged, RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        changed();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        changed();
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        changed();
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (timer.isShutdown()) {
            return; // stopping: the framework's last events have no one left to report to
        }
        pending = timer.schedule(this::logIfChanged, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void logIfChanged() {
        HealthReport report = check.run();
        String summary = report.summary();
        if (summary.equals(lastLogged)) {
            return;
        }
        lastLogged = summary;
        if (report.healthy()) {
            LOG.info(summary);
        } else {
            LOG.warn(summary);
        }
    }

    /** Gogo: {@code weir:status}. */
    public String status() {
        return check.run().summary();
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(this);
        context.removeBundleListener(this);
        context.removeFrameworkListener(this);
        timer.shutdownNow();
    }
}
