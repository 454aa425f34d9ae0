package io.weir.simulator.meters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * An RS-485 line with meters on it: reads the master's frames from a byte stream (skipping FE wake-up bytes),
 * checks their checksum, and writes the answer of the meter addressed. Optionally keeps wire time: before answering
 * it waits as long as the request and the answer take on a line of {@code baudRate} at 11 bits a character (a pty
 * or a socket does not throttle by itself).
 */
public final class MeterLine {

    private final List<SimulatedMeter> meters = new CopyOnWriteArrayList<>();
    private final int baudRate;

    /** @param baudRate the line's speed to keep wire time at; 0 to answer at once */
    public MeterLine(int baudRate) {
        this.baudRate = baudRate;
    }

    public MeterLine add(SimulatedMeter meter) {
        meters.add(meter);
        return this;
    }

    /** Serves the line until the stream ends. */
    public void serve(InputStream in, OutputStream out) throws IOException {
        var frame = new ByteArrayOutputStream();
        int expected = -1;
        int wakeUp = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (frame.size() == 0) {
                if (b == 0xFE) {
                    wakeUp++;
                }
                if (b != 0x68) {
                    continue;
                }
            }
            frame.write(b);
            byte[] f = frame.toByteArray();
            if (expected < 0 && f.length >= 11) {
                // DL/T 645 repeats 68 at byte 7 and has its length at 9; CJ/T 188 has its length at 10
                expected = (f[7] & 0xFF) == 0x68 && checksumAt(f, 9) ? 12 + (f[9] & 0xFF) : 13 + (f[10] & 0xFF);
            }
            if (expected > 0 && f.length >= expected) {
                handle(f, wakeUp, out);
                frame.reset();
                expected = -1;
                wakeUp = 0;
            }
        }
    }

    /** Whether a DL/T 645 reading of the length is plausible (the byte at 9 is a length, not part of an address). */
    private static boolean checksumAt(byte[] f, int lengthAt) {
        return (f[lengthAt] & 0xFF) <= 200;
    }

    private void handle(byte[] f, int wakeUp, OutputStream out) throws IOException {
        int sum = 0;
        for (int i = 0; i < f.length - 2; i++) {
            sum += f[i] & 0xFF;
        }
        if ((sum & 0xFF) != (f[f.length - 2] & 0xFF) || (f[f.length - 1] & 0xFF) != 0x16) {
            return; // a meter ignores a frame with a bad checksum
        }
        for (SimulatedMeter meter : meters) {
            byte[] answer = meter.answer(f);
            if (answer != null) {
                keepWireTime(wakeUp + f.length + answer.length);
                out.write(answer);
                out.flush();
                return;
            }
        }
    }

    private void keepWireTime(int characters) {
        if (baudRate > 0) {
            long nanos = characters * 11L * 1_000_000_000L / baudRate;
            long until = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }
}
