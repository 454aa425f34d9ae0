package io.weir.modbus.internal;

import java.util.Arrays;

import io.weir.api.profile.Point;
import io.weir.modbus.internal.WriteOutcome.Result;

/**
 * Writes one point and reads it back, on the endpoint's thread: the write (05, 06, 15 or 16), then a read of the
 * same registers (03) or coil (01), compared register for register with what was written. A device that takes a
 * write and keeps its old value (a read-only register that does not say so, a value it clamps) is caught here
 * rather than by an operator wondering why nothing changed.
 */
final class PointWriter {

    private final String deviceId;
    private final int unitId;
    private final ModbusTransport transport;

    PointWriter(String deviceId, int unitId, ModbusTransport transport) {
        this.deviceId = deviceId;
        this.unitId = unitId;
        this.transport = transport;
    }

    /** A value ready to send, or why it will not be. */
    sealed interface Prepared {
    }

    /** A value encoded for a point: registers (functions 06/16) or one bit (05/15). */
    record Encoded(Point point, int function, String requested, int[] registers, Boolean bit) implements Prepared {
    }

    /** Encodes {@code text} for the point, or says why it cannot be written. */
    static Prepared encode(Point point, WritablePoints.Access access, String text) {
        if (access instanceof WritablePoints.Access.NotWritable no) {
            return new Refusal(Result.NOT_WRITABLE, no.why());
        }
        int function = ((WritablePoints.Access.Writable) access).function();
        try {
            return point.type().isBit()
                    ? new Encoded(point, function, text, null, Encoder.bit(point, text))
                    : new Encoded(point, function, text, Encoder.registers(point, text), null);
        } catch (Encoder.OutOfRange e) {
            return new Refusal(Result.OUT_OF_RANGE, e.getMessage());
        }
    }

    /** Why a value was not sent. */
    record Refusal(Result result, String detail) implements Prepared {
    }

    WriteOutcome write(Encoded value) {
        Point p = value.point();
        ReadResult answer = switch (value.function()) {
            case 5 -> transport.writeSingleCoil(unitId, p.address(), value.bit());
            case 15 -> transport.writeMultipleCoils(unitId, p.address(), new boolean[] {value.bit()});
            case 6 -> transport.writeSingleRegister(unitId, p.address(), value.registers()[0]);
            default -> transport.writeMultipleRegisters(unitId, p.address(), value.registers());
        };
        Object written = value.bit() != null ? value.bit() : Decoder.value(p, value.registers(), 0);
        if (!(answer instanceof ReadResult.Written)) {
            return failed(value, answer, "write");
        }
        ReadResult readBack = p.type().isBit()
                ? transport.readCoils(unitId, p.address(), 1)
                : transport.readHoldingRegisters(unitId, p.address(), p.span());
        if (readBack instanceof ReadResult.Bits bits && bits.values().length == 1) {
            boolean now = bits.values()[0];
            return outcome(value, now == value.bit() ? Result.VERIFIED : Result.READ_BACK_DIFFERS, written, now,
                    null, now == value.bit() ? null : "the device acknowledged " + value.bit() + " but reads " + now);
        }
        if (readBack instanceof ReadResult.Registers registers && registers.values().length == p.span()) {
            int[] now = registers.values();
            boolean same = Arrays.equals(now, value.registers());
            return outcome(value, same ? Result.VERIFIED : Result.READ_BACK_DIFFERS, written,
                    Decoder.value(p, now, 0), null, same ? null : "the device acknowledged the write but reads "
                            + "registers " + Arrays.toString(now) + ", not " + Arrays.toString(value.registers()));
        }
        String why = readBack instanceof ReadResult.DeviceException e ? "Modbus exception " + e.name()
                : readBack instanceof ReadResult.CommFailure f ? f.kind() + " " + f.detail() : "a short answer";
        return outcome(value, Result.UNVERIFIED, written, null, null, "written, but the read-back failed: " + why);
    }

    private WriteOutcome failed(Encoded value, ReadResult answer, String what) {
        if (answer instanceof ReadResult.DeviceException e) {
            return outcome(value, Result.REFUSED, null, null, e.name(), "the device refused the " + what
                    + " with Modbus exception " + e.code() + " (" + e.name() + ")");
        }
        if (answer instanceof ReadResult.CommFailure f && f.kind() == ReadResult.CommFailure.Kind.TIMEOUT) {
            return outcome(value, Result.TIMEOUT, null, null, null, "no answer to the " + what + ": " + f.detail());
        }
        String detail = answer instanceof ReadResult.CommFailure f ? f.kind() + " " + f.detail() : "unexpected "
                + answer;
        return outcome(value, Result.COMM_ERROR, null, null, null, detail);
    }

    private WriteOutcome outcome(Encoded value, Result result, Object written, Object readBack, String exception,
                                 String detail) {
        return new WriteOutcome(deviceId, value.point().name(), result.wireName(), value.requested(), written,
                readBack, value.function(), exception, detail);
    }
}
