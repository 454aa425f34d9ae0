package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every device the endpoint of its link, shared with the other devices on the same link: the units behind
 * one TCP gateway use one connection, and their requests take turns. All links run on one small set of poll
 * threads ({@link PollThreads}), not a thread each. Commissioning commands (scan, raw read) borrow the same
 * endpoint when they name a link in use, so they take turns with its polls, or one of their own when it is not in
 * the site file. An endpoint lives while a device or a command uses it.
 */
@Component(service = Endpoints.class)
public final class Endpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** @param serial the line settings its devices use; null while only commands have used a serial endpoint */
    private record Shared(Endpoint endpoint, int users, SerialSettings serial) {
    }

    /**
     * The workers the links' polls run on: two suffice for a hundred TCP devices, whose polls are mostly a short
     * wait on a socket; more are started while a link's work waits behind a device that hangs until its timeout.
     */
    private static final int FEWEST_POLL_THREADS = 2;

    private final Clock clock;
    private final PollThreads threads = new PollThreads(FEWEST_POLL_THREADS);
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
        LinkSpec spec = LinkSpec.of(device);
        Shared shared = open.get(spec.key());
        if (shared != null && shared.serial() != null && !shared.serial().equals(device.serial())) {
            throw new IllegalArgumentException("device " + device.deviceId() + " asks for " + device.serial()
                    + " but the port is open as " + shared.serial() + " for other devices on it");
        }
        if (shared != null && shared.serial() == null && device.serial() != null
                && shared.endpoint().transport() instanceof J2modSerialTransport line) {
            line.useDeviceLine(device.serial()); // a port a command opened: its devices' settings rule now
        }
        return use(spec, shared, device.serial());
    }

    /**
     * The endpoint of a link a command names: the one in use when devices poll it (the command's requests then
     * take turns with their polls on its thread), else a new one, shared with any device configured on it while
     * the command runs. Give it back with {@link #release}.
     */
    synchronized Endpoint borrow(LinkSpec spec) {
        Shared shared = open.get(spec.key());
        return use(spec, shared, shared == null ? null : shared.serial());
    }

    /**
     * The endpoint in use whose link a technician names: its full name ({@code tcp://host:port}), the same without
     * the scheme ({@code host:port}), or a serial port's path; empty when no device or command uses it.
     */
    synchronized java.util.Optional<LinkSpec> inUse(String link) {
        String wanted = link == null ? "" : link.strip();
        for (Map.Entry<String, Shared> e : open.entrySet()) {
            String name = e.getKey();
            if (name.equals(wanted) || name.substring(name.indexOf("://") + 3).equals(wanted)) {
                return java.util.Optional.of(e.getValue().endpoint().link());
            }
        }
        return java.util.Optional.empty();
    }

    private Endpoint use(LinkSpec spec, Shared shared, SerialSettings deviceLine) {
        String key = spec.key();
        if (shared == null) {
            // a gateway that cannot be reached is tried again after 1 s, 2 s, 4 s ... then once a minute, or, while
            // devices poll it, within their shortest poll interval (the endpoint bounds it)
            var backoff = Backoff.forLink();
            ModbusTransport transport = spec.framing().overTcp()
                    ? new J2modTcpTransport(spec.host(), spec.port(), spec.framing(), 1000, backoff, clock)
                    : new J2modSerialTransport(spec.serial(), 1000, backoff, clock);
            var endpoint = new Endpoint(key, spec, transport, threads.newLink(), backoff, System::nanoTime);
            shared = new Shared(endpoint, 0, deviceLine);
            LOG.info("modbus endpoint {} opened", spec);
        }
        open.put(key, new Shared(shared.endpoint(), shared.users() + 1, deviceLine));
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
        threads.shutdown();
    }
}
