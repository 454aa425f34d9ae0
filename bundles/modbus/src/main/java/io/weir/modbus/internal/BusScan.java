package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Finds the unit ids that answer on one link: asks each unit in a range for holding register 0 and counts any
 * Modbus answer, an exception response included, as a device being there (a meter without register 0 still says
 * ILLEGAL_DATA_ADDRESS). The two gateway exceptions (0A path unavailable, 0B target failed to respond) are a
 * TCP gateway saying the unit is not there, so they do not count. Each probe is its own task on the endpoint's
 * queue, so polls that fall due during a scan run between probes and a scan of 247 silent units delays a healthy
 * device by at most one probe timeout. On a serial port the units may be asked with other line settings than its
 * devices use (the port is reopened around the probes). A unit answering after its timeout can hold up a gateway
 * that serves one request at a time, and the next units probed may then be missed: scan with a timeout above the
 * slowest device's.
 */
final class BusScan {

    /**
     * The scan's answer.
     *
     * @param link        the link scanned
     * @param from        first unit id asked
     * @param to          last unit id asked
     * @param timeoutMs   how long each unit was given
     * @param present     unit ids that answered, in order
     * @param exceptions  of those, the ones that answered with an exception, and which
     * @param garbled     unit ids whose answer had a bad CRC or framing: something is there, or two devices share
     *                    the id
     * @param elapsedMs   from the first probe to the last answer, polls in between included
     * @param line        on a serial port: the line settings the units were asked with
     * @param connectionsOpened how often the link was (re)opened during the scan: 0 or 1 on a healthy link
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Result(String link, int from, int to, int timeoutMs, List<Integer> present, Map<Integer, String> exceptions,
                  List<Integer> garbled, long elapsedMs, String line, long connectionsOpened) {
    }

    private static final int GATEWAY_PATH_UNAVAILABLE = 10;
    private static final int GATEWAY_TARGET_FAILED = 11;

    private final Endpoint endpoint;
    private final int from;
    private final int to;
    private final int timeoutMillis;
    private final LongSupplier nanoTime;
    private final SerialSettings line;
    private final ModbusTransport probes;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final List<Integer> present = new ArrayList<>();
    private final Map<Integer, String> exceptions = new TreeMap<>();
    private final List<Integer> garbled = new ArrayList<>();
    private long startNanos;
    private long openedBefore;

    private BusScan(Endpoint endpoint, int from, int to, int timeoutMillis, SerialSettings line,
                    LongSupplier nanoTime) {
        this.endpoint = endpoint;
        this.from = from;
        this.to = to;
        this.timeoutMillis = timeoutMillis;
        this.line = line;
        this.nanoTime = nanoTime;
        this.probes = line == null ? endpoint.transport().withTimeout(timeoutMillis)
                : endpoint.transport().onLine(line, timeoutMillis);
    }

    /**
     * Starts scanning units {@code from..to} (0..255 for TCP gateways, 1..247 on a serial line); the future ends
     * with the result, or fails when the link itself cannot be used. Cancelling the future stops the scan after the
     * probe in flight.
     */
    static CompletableFuture<Result> start(Endpoint endpoint, int from, int to, int timeoutMillis,
                                           LongSupplier nanoTime) {
        return start(endpoint, from, to, timeoutMillis, null, nanoTime);
    }

    /** As above, on a serial port with {@code line}'s settings (null: its devices' own). */
    static CompletableFuture<Result> start(Endpoint endpoint, int from, int to, int timeoutMillis,
                                           SerialSettings line, LongSupplier nanoTime) {
        if (from < 0 || to > 255 || from > to) {
            throw new IllegalArgumentException("unit id range " + from + ".." + to + " is not within 0..255");
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeoutMillis);
        }
        var scan = new BusScan(endpoint, from, to, timeoutMillis, line, nanoTime);
        scan.next(from);
        return scan.done;
    }

    private void next(int unit) {
        try {
            endpoint.execute(() -> probe(unit));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("link " + endpoint + " was closed during the scan"));
        }
    }

    private void probe(int unit) {
        if (done.isDone()) {
            return; // cancelled
        }
        if (unit == from) {
            startNanos = nanoTime.getAsLong();
            openedBefore = opened();
        }
        ReadResult answer = probes.readHoldingRegisters(unit, 0, 1);
        if (answer instanceof ReadResult.DeviceException e && (e.code() == GATEWAY_PATH_UNAVAILABLE
                || e.code() == GATEWAY_TARGET_FAILED)) {
            // the gateway answered for an absent unit
        } else if (answer instanceof ReadResult.DeviceException e) {
            present.add(unit);
            exceptions.put(unit, e.name());
        } else if (answer instanceof ReadResult.CommFailure f) {
            if (f.kind() == ReadResult.CommFailure.Kind.FRAMING) {
                garbled.add(unit);
            } else if (f.kind() == ReadResult.CommFailure.Kind.IO) {
                done.completeExceptionally(new IllegalStateException("link " + endpoint + " failed at unit " + unit
                        + ": " + f.detail()));
                return;
            }
        } else {
            present.add(unit);
        }
        if (unit < to) {
            next(unit + 1);
        } else {
            done.complete(new Result(endpoint.name(), from, to, timeoutMillis, List.copyOf(present),
                    Collections.unmodifiableMap(new TreeMap<>(exceptions)), List.copyOf(garbled),
                    (nanoTime.getAsLong() - startNanos) / 1_000_000, line == null ? null : line.toString(),
                    opened() - openedBefore));
        }
    }

    private long opened() {
        return endpoint.transport() instanceof J2modLink link ? link.opened() : 0;
    }
}
