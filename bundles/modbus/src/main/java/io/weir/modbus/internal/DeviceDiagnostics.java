package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one device's transactions have done since the device was configured: how many, how many timed out, which
 * Modbus exceptions it answered, how many answers were garbled, the last error, and how long answers took. Written
 * on the endpoint's thread, read by the status and the diagnostics command on others; fixed-size whatever the
 * uptime.
 */
final class DeviceDiagnostics {

    private final Clock clock;
    private final LatencyHistogram latency = new LatencyHistogram();
    private long transactions;
    private long answered;
    private long timeouts;
    private long framingErrors;
    private long ioErrors;
    private long writes;
    private final Map<String, Long> exceptions = new TreeMap<>();
    private String lastError;
    private Instant lastErrorAt;
    private volatile Boolean communicating; // null until the first poll
    private volatile long silentPolls; // polls in a row without an answer; written on the endpoint's thread only
    private volatile String hint; // what to check while the device fails, else null

    DeviceDiagnostics(Clock clock) {
        this.clock = clock;
    }

    /** One finished transaction and how long it took, {@code micros} from request to answer or to giving up. */
    void record(ReadResult result, long micros, boolean write) {
        synchronized (this) {
            transactions++;
            if (write) {
                writes++;
            }
            if (result instanceof ReadResult.CommFailure failure) {
                switch (failure.kind()) {
                    case TIMEOUT -> timeouts++;
                    case FRAMING -> framingErrors++;
                    case IO -> ioErrors++;
                }
                noteError(failure.kind() + ": " + failure.detail());
                return;
            }
            answered++;
            if (result instanceof ReadResult.DeviceException e) {
                exceptions.merge(e.name(), 1L, Long::sum);
                noteError("Modbus exception " + e.code() + " (" + e.name() + ")");
            }
        }
        latency.record(micros);
    }

    void communicating(boolean ok) {
        communicating = ok;
        silentPolls = ok ? 0 : silentPolls + 1;
    }

    /** What the technician should check while the device fails; null once it answers. */
    void hint(String text) {
        hint = text;
    }

    private void noteError(String error) {
        lastError = error;
        lastErrorAt = clock.instant();
    }

    /** The figures as the status message and the diagnostics command show them. */
    synchronized Snapshot snapshot(String device, int unitId, String link) {
        LastError last = lastError == null ? null : new LastError(lastErrorAt.toString(), lastError);
        return new Snapshot(device, unitId, link, communicating == null ? "starting" : communicating ? "ok" : "failing",
                silentPolls, transactions, answered, timeouts, framingErrors, ioErrors, Map.copyOf(exceptions), writes,
                last,
                new Latency(latency.count(), latency.percentileMillis(0.50), latency.percentileMillis(0.95),
                        latency.percentileMillis(0.99)), hint);
    }

    /** The latest error and when it happened (ISO-8601 UTC). */
    record LastError(String at, String error) {
    }

    /**
     * Latencies of answered transactions (exception responses included, timeouts not), in milliseconds, each the
     * upper bound of its histogram bucket (at most 19 % high).
     */
    record Latency(long samples, double p50Ms, double p95Ms, double p99Ms) {
    }

    /**
     * @param state         ok, failing (its last poll got no answer) or starting
     * @param silentPolls   polls in a row that got no answer (0 once one is answered); the console's health reads it
     * @param transactions  requests sent, reads and writes
     * @param answered      requests answered, exception responses included
     * @param timeouts      requests without an answer in time
     * @param crcErrors     answers with a bad CRC or broken framing
     * @param ioErrors      link failures: refused, reset, could not open
     * @param exceptions    exception responses by code name
     * @param writes        write requests among the transactions
     * @param hint          while the device fails: what to check (unit id, transport, line settings)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Snapshot(String device, int unitId, String link, String state, long silentPolls, long transactions,
                    long answered,
                    long timeouts, long crcErrors, long ioErrors, Map<String, Long> exceptions, long writes,
                    LastError lastError, Latency latency, String hint) {
    }
}
