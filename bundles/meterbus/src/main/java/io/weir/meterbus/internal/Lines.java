package io.weir.meterbus.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every meter the line it hangs on, shared with the other meters there (DL/T 645 and CJ/T 188 alike): one
 * link and one thread per serial port or device server. A line lives while a meter uses it.
 */
@Component(service = Lines.class)
public final class Lines {

    private static final Logger LOG = LoggerFactory.getLogger(Lines.class);

    private record Shared(Line line, int users) {
    }

    private final Map<String, Shared> open = new HashMap<>();

    /** @throws IllegalArgumentException when a meter asks for other settings on a port already open */
    synchronized Line of(MeterOptions meter) {
        String key = meter.link();
        Shared shared = open.get(key);
        if (shared != null && meter.serial() != null && !meter.serial().equals(shared.line().settings())) {
            throw new IllegalArgumentException("meter " + meter.deviceId() + " asks for " + meter.serial()
                    + " but the port is open as " + shared.line().settings() + " for other meters on it");
        }
        if (shared == null) {
            Link link = meter.serial() != null ? new SerialLink(meter.serial()) : new TcpLink(meter.host(), meter.port());
            var thread = new ScheduledThreadPoolExecutor(1, r -> {
                var t = new Thread(r, "weir-meterbus " + key);
                t.setDaemon(true);
                return t;
            });
            thread.setRemoveOnCancelPolicy(true);
            shared = new Shared(new Line(key, link, thread, meter.serial()), 0);
            LOG.info("meter line {} opened", link.describe());
        }
        open.put(key, new Shared(shared.line(), shared.users() + 1));
        return shared.line();
    }

    void release(Line line) throws InterruptedException {
        synchronized (this) {
            Shared shared = open.get(line.name());
            if (shared == null || shared.line() != line) {
                return;
            }
            if (shared.users() > 1) {
                open.put(line.name(), new Shared(line, shared.users() - 1));
                return;
            }
            open.remove(line.name());
        }
        line.shutdown();
        LOG.info("meter line {} closed", line);
    }

    /** The open line a technician names: {@code serial:///dev/ttyUSB1}, {@code /dev/ttyUSB1} or {@code tcp://host:port}. */
    synchronized Optional<Line> find(String name) {
        String wanted = name == null ? "" : name.strip();
        return open.entrySet().stream()
                .filter(e -> e.getKey().equals(wanted) || e.getKey().equals("serial://" + wanted))
                .map(e -> e.getValue().line()).findFirst();
    }

    @Deactivate
    void closeAll() throws InterruptedException {
        Map<String, Shared> all;
        synchronized (this) {
            all = new HashMap<>(open);
            open.clear();
        }
        for (Shared s : all.values()) {
            s.line().shutdown();
        }
    }
}
