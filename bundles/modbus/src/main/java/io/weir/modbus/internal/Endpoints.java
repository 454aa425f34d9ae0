package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every device the endpoint of its link, shared with the other devices on the same link: the units behind
 * one TCP gateway use one connection and one thread. An endpoint lives while a device uses it.
 */
@Component(service = Endpoints.class)
public final class Endpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    // A gateway that cannot be reached is tried again after 1 s, 2 s, 4 s ... then once a minute.
    private static final Duration CONNECT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    private static final Duration CONNECT_BACKOFF_MAX = Duration.ofMinutes(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private record Shared(Endpoint endpoint, int users, SerialSettings serial) {
    }

    private final Clock clock;
    private final Map<String, Shared> open = new HashMap<>();

    public Endpoints() {
        this(Clock.systemUTC());
    }

    Endpoints(Clock clock) {
        this.clock = clock;
    }

    /**
     * The endpoint of the device's link, opened on first use: host:port with its framing, or a serial port. All
     * devices on one serial port must agree on its line settings; a device that does not is refused, naming both.
     */
    synchronized Endpoint of(DeviceOptions device) {
        String key = device.framing().overTcp() ? device.link() : "rtu://" + device.serial().port();
        Shared shared = open.get(key);
        if (shared != null && !device.framing().overTcp() && !shared.serial().equals(device.serial())) {
            throw new IllegalArgumentException("device " + device.deviceId() + " asks for " + device.serial()
                    + " but the port is open as " + shared.serial() + " for other devices on it");
        }
        if (shared == null) {
            var backoff = new Backoff(CONNECT_BACKOFF_INITIAL, CONNECT_BACKOFF_MAX);
            ModbusTransport transport = device.framing().overTcp()
                    ? new J2modTcpTransport(device.host(), device.port(), device.framing(), 1000, backoff, clock)
                    : new J2modSerialTransport(device.serial(), 1000, backoff, clock);
            // a pool the endpoint can look into, to find idle bus time for retries of silent devices
            var thread = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "weir-modbus " + key);
                t.setDaemon(true);
                return t;
            });
            thread.setRemoveOnCancelPolicy(true);
            var endpoint = new Endpoint(key, transport, thread);
            shared = new Shared(endpoint, 0, device.serial());
            LOG.info("modbus endpoint {} opened", device.link());
        }
        open.put(key, new Shared(shared.endpoint(), shared.users() + 1, shared.serial()));
        return shared.endpoint();
    }

    /** A device is done with its endpoint; the last one out closes it. */
    void release(Endpoint endpoint) throws InterruptedException {
        Shared shared;
        synchronized (this) {
            shared = open.get(endpoint.name());
            if (shared == null || shared.endpoint() != endpoint) {
                return;
            }
            if (shared.users() > 1) {
                open.put(endpoint.name(), new Shared(endpoint, shared.users() - 1, shared.serial()));
                return;
            }
            open.remove(endpoint.name());
        }
        if (!endpoint.shutdown(STOP_WAIT)) {
            LOG.warn("modbus endpoint {}: a transaction did not end within {}; interrupted it", endpoint, STOP_WAIT);
        }
        LOG.info("modbus endpoint {} closed", endpoint);
    }

    /**
     * The open endpoint a technician names: its full name ({@code tcp://host:port}, {@code rtu-over-tcp://host:port},
     * {@code rtu:///dev/ttyUSB0}), the same without the scheme ({@code host:port}), or a serial port's path.
     *
     * @throws IllegalArgumentException naming the open links when none matches
     */
    synchronized Endpoint find(String link) {
        String wanted = link == null ? "" : link.strip();
        for (Map.Entry<String, Shared> e : open.entrySet()) {
            String name = e.getKey();
            if (name.equals(wanted) || name.substring(name.indexOf("://") + 3).equals(wanted)) {
                return e.getValue().endpoint();
            }
        }
        throw new IllegalArgumentException("no configured modbus link '" + wanted + "'; configured: "
                + new java.util.TreeSet<>(open.keySet()));
    }

    synchronized int openEndpoints() {
        return open.size();
    }

    @Deactivate
    void closeAll() throws InterruptedException {
        Map<String, Shared> all;
        synchronized (this) {
            all = new HashMap<>(open);
            open.clear();
        }
        for (Shared shared : all.values()) {
            shared.endpoint().shutdown(STOP_WAIT);
        }
    }
}
