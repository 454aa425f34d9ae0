package io.weir.modbus.internal;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteCoilResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleCoilsRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleCoilsResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterResponse;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.modbus.internal.ReadResult.CommFailure;
import io.weir.modbus.internal.ReadResult.CommFailure.Kind;

/**
 * A j2mod link shared by every unit on it (a TCP connection, a serial port). After an I/O error the link is dropped
 * and opened again on the next request; what a timeout or a garbled answer does depends on the link (see
 * {@link #keepsLinkAfter}). Only a failed open backs the link off (and a link that hangs up on its first request, as
 * a device server does that takes the connection and drops it): a gateway or port that cannot be
 * reached costs one attempt per backoff period, while one dead unit on a live link is left to its device's own
 * backoff and does not cut its neighbours off. An outage is logged twice, when it begins and, with the number of
 * attempts it took, when the link answers again. The link remembers which units answered lately, so a silent
 * device's messages can say whether its neighbours answer.
 */
abstract class J2modLink implements ModbusTransport {

    private static final Logger LOG = LoggerFactory.getLogger(J2modLink.class);

    private final Backoff backoff;
    private final Clock clock;
    private final Map<Integer, Instant> answeredAt = new ConcurrentHashMap<>();
    private int timeoutMillis;
    private String lastFailure = "";
    private volatile long opened;
    private Instant openedAt; // when the link was last opened
    private boolean fresh; // opened, and its first transaction not yet ended
    private int failedAttempts; // attempts to open that failed since the link last answered
    private Instant downSince; // when the first of them was made

    J2modLink(int timeoutMillis, Backoff backoff, Clock clock) {
        this.timeoutMillis = timeoutMillis;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where the link goes, for messages. */
    abstract String describe();

    abstract boolean isOpen();

    /** Opens the link with the current timeout; throws when it cannot. */
    abstract void open(int timeoutMillis) throws Exception;

    /** A transaction on the open link. */
    abstract ModbusTransaction transaction();

    abstract void applyTimeout(int timeoutMillis);

    abstract void closeLink();

    /** Whether the link stays open after a transaction that failed this way; an I/O error always drops it. */
    abstract boolean keepsLinkAfter(Kind failure);

    /** Called on the link's thread right before a request goes out; a serial line waits out its frame gap here. */
    void beforeRequest() {
    }

    /** Called with each request once j2mod has taken it, before it goes out. */
    void prepare(ModbusRequest request) {
    }

    /** How many times the link has been opened: a scan that reconnects for every silent unit shows here. */
    long opened() {
        return opened;
    }

    /** The units that answered on this link (an exception response counts) since {@code since}. */
    @Override
    public SortedSet<Integer> unitsAnsweredSince(Instant since) {
        var units = new TreeSet<Integer>();
        answeredAt.forEach((unit, at) -> {
            if (!at.isBefore(since)) {
                units.add(unit);
            }
        });
        return units;
    }

    /** Called on the link's thread once a transaction has ended, answered or not. */
    void afterTransaction() {
    }

    @Override
    public final ReadResult readCoils(int unitId, int address, int count) {
        return read(new ReadCoilsRequest(address, count), unitId, count);
    }

    @Override
    public final ReadResult readDiscreteInputs(int unitId, int address, int count) {
        return read(new ReadInputDiscretesRequest(address, count), unitId, count);
    }

    @Override
    public final ReadResult readHoldingRegisters(int unitId, int address, int count) {
        return read(new ReadMultipleRegistersRequest(address, count), unitId, count);
    }

    @Override
    public final ReadResult readInputRegisters(int unitId, int address, int count) {
        return read(new ReadInputRegistersRequest(address, count), unitId, count);
    }

    @Override
    public final ReadResult writeSingleCoil(int unitId, int address, boolean value) {
        return write(new WriteCoilRequest(address, value), unitId);
    }

    @Override
    public final ReadResult writeMultipleCoils(int unitId, int address, boolean[] values) {
        var bits = new BitVector(values.length);
        for (int i = 0; i < values.length; i++) {
            bits.setBit(i, values[i]);
        }
        return write(new WriteMultipleCoilsRequest(address, bits), unitId);
    }

    @Override
    public final ReadResult writeSingleRegister(int unitId, int address, int value) {
        return write(new WriteSingleRegisterRequest(address, new SimpleRegister(value & 0xFFFF)), unitId);
    }

    @Override
    public final ReadResult writeMultipleRegisters(int unitId, int address, int[] values) {
        Register[] registers = new Register[values.length];
        for (int i = 0; i < values.length; i++) {
            registers[i] = new SimpleRegister(values[i] & 0xFFFF);
        }
        return write(new WriteMultipleRegistersRequest(address, registers), unitId);
    }

    @Override
    public ModbusTransport withTimeout(int deviceTimeoutMillis) {
        return new DeviceView(this, deviceTimeoutMillis, null);
    }

    @Override
    public ModbusTransport onLine(SerialSettings line, int timeoutMillis) {
        return new DeviceView(this, timeoutMillis, line);
    }

    /** Switches a serial line to {@code line} before the next request (null: its devices' settings); TCP has none. */
    void useLine(SerialSettings line) {
    }

    /**
     * The shared link with one user's timeout (and, on a serial port, line settings) applied before each of its
     * transactions.
     */
    private static final class DeviceView extends DelegatingTransport {
        private final J2modLink shared;
        private final int timeoutMillis;
        private final SerialSettings line;

        DeviceView(J2modLink shared, int timeoutMillis, SerialSettings line) {
            this.shared = shared;
            this.timeoutMillis = timeoutMillis;
            this.line = line;
        }

        @Override
        protected J2modLink target() {
            shared.useLine(line);
            shared.useTimeout(timeoutMillis);
            return shared;
        }

        @Override
        public ModbusTransport withTimeout(int otherTimeoutMillis) {
            return shared.withTimeout(otherTimeoutMillis);
        }

        @Override
        public void close() {
            // the endpoint closes the shared link when its last device is gone
        }
    }

    private void useTimeout(int millis) {
        if (millis != timeoutMillis) {
            timeoutMillis = millis;
            if (isOpen()) {
                applyTimeout(millis);
            }
        }
    }

    @Override
    public final void close() {
        closeLink();
    }

    /** Runs one transaction; the failure when there was no usable answer, else null with the answer in hand. */
    private Object execute(ModbusRequest request, int unitId) {
        if (!isOpen()) {
            Instant attempt = clock.instant();
            if (!backoff.mayAttempt(attempt)) {
                return new CommFailure(Kind.IO, "not reopening " + describe() + " before " + backoff.nextAttempt()
                        + "; last failure: " + lastFailure);
            }
            try {
                open(timeoutMillis);
                opened++;
                openedAt = attempt;
                fresh = true;
            } catch (Exception e) {
                // a link that cannot be opened is down, however it failed (a connect timeout too): not a silent unit
                closeLink();
                lastFailure = "cannot open " + describe() + ": " + e;
                attemptFailed(attempt);
                return new CommFailure(Kind.IO, lastFailure);
            }
        }
        request.setUnitID(unitId);
        ModbusTransaction transaction = transaction();
        transaction.setRequest(request);
        prepare(request);
        // One try per poll: retrying inside j2mod would sleep on the link's thread and hammer a failing device.
        transaction.setRetries(1);
        beforeRequest();
        try {
            transaction.execute();
        } catch (ModbusSlaveException e) {
            backoff.succeeded();
            answered(unitId);
            return new ReadResult.DeviceException(e.getType());
        } catch (ModbusException e) {
            return drop(kindOf(e), e.getMessage());
        } catch (RuntimeException e) {
            // j2mod surfaces some malformed frames as unchecked exceptions
            return drop(Kind.IO, e.toString());
        } finally {
            fresh = false;
            afterTransaction();
        }
        ModbusResponse response = transaction.getResponse();
        if (response == null) {
            return drop(Kind.IO, "no answer to " + request.getHexMessage());
        }
        answered(unitId);
        return response;
    }

    private void answered(int unitId) {
        Instant now = clock.instant();
        answeredAt.put(unitId, now);
        if (failedAttempts > 0) {
            LOG.info("modbus link {} answers again, after {} failed attempt{} to connect in {}", describe(),
                    failedAttempts, failedAttempts == 1 ? "" : "s", Duration.between(downSince, now));
            failedAttempts = 0;
        }
    }

    /** An attempt to open the link, begun at {@code at}, came to nothing: the next one waits from then. */
    private void attemptFailed(Instant at) {
        backoff.failed(at);
        if (failedAttempts++ == 0) {
            downSince = at;
            LOG.warn("modbus link {} is down: {}; trying again, and logging when it answers", describe(),
                    lastFailure);
        }
    }

    private ReadResult write(ModbusRequest request, int unitId) {
        Object outcome = execute(request, unitId);
        if (outcome instanceof ReadResult failure) {
            return failure;
        }
        if (outcome instanceof WriteCoilResponse || outcome instanceof WriteMultipleCoilsResponse
                || outcome instanceof WriteSingleRegisterResponse || outcome instanceof WriteMultipleRegistersResponse) {
            backoff.succeeded();
            return new ReadResult.Written();
        }
        return drop(Kind.IO, "unexpected answer " + outcome);
    }

    private ReadResult read(ModbusRequest request, int unitId, int count) {
        Object outcome = execute(request, unitId);
        if (outcome instanceof ReadResult failure) {
            return failure;
        }
        ModbusResponse response = (ModbusResponse) outcome;
        BitVector bits = bitsOf(response);
        if (bits != null) {
            backoff.succeeded();
            // the answer is padded to whole bytes; a short answer gives fewer bits, which the poller rejects
            int n = Math.min(count, bits.size());
            boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++) {
                values[i] = bits.getBit(i);
            }
            return new ReadResult.Bits(values);
        }
        InputRegister[] registers = registersOf(response);
        if (registers == null) {
            return drop(Kind.IO, "unexpected answer " + response);
        }
        backoff.succeeded();
        int n = Math.min(count, registers.length);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = registers[i].toUnsignedShort();
        }
        return new ReadResult.Registers(values);
    }

    private CommFailure drop(Kind kind, String detail) {
        lastFailure = detail;
        if (kind == Kind.IO || !keepsLinkAfter(kind)) {
            closeLink();
            if (fresh && kind == Kind.IO) {
                // hung up on the first request: the server is not taking connections, however it says so
                attemptFailed(openedAt);
            }
        }
        return new CommFailure(kind, detail);
    }

    private static BitVector bitsOf(ModbusResponse response) {
        if (response instanceof ReadCoilsResponse r) {
            return r.getCoils();
        }
        if (response instanceof ReadInputDiscretesResponse r) {
            return r.getDiscretes();
        }
        return null;
    }

    private static InputRegister[] registersOf(ModbusResponse response) {
        if (response instanceof ReadMultipleRegistersResponse r) {
            return r.getRegisters();
        }
        if (response instanceof ReadInputRegistersResponse r) {
            return r.getRegisters();
        }
        return null;
    }

    // j2mod reports a read timeout and a bad CRC only in the message of a ModbusIOException, without the cause. On
    // a serial line a unit that stays silent reads as "Cannot read from serial port": jSerialComm's read timed out.
    private static Kind kindOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("crc") || message.contains("do not match") || message.contains("framing")) {
                return Kind.FRAMING;
            }
            if (t instanceof SocketTimeoutException || message.contains("timeout") || message.contains("timed out")
                    || message.contains("cannot read from serial port")) {
                return Kind.TIMEOUT;
            }
        }
        return Kind.IO;
    }
}
