package io.weir.bench.modbus;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A Modbus RTU slave on one end of a socat pty pair that keeps the time of a real serial line. A pty moves bytes
 * at memory speed whatever baud rate is set, so this slave adds what the wire would cost: when a request has
 * arrived it waits the request's own wire time (its bytes at 11 bits each), the 3.5-character silence that ends a
 * frame, and the response's wire time, and only then writes the response. The master's 3.5-character gap before
 * its next request is the master's own (j2mod waits it). Answers reads (01-04) for its units, every register
 * holding its own address; units in {@code silent} take requests and never answer, like a dead meter.
 */
final class PacedRtuSlave implements AutoCloseable {

    private final SerialPort port;
    private final long charNanos;
    private final Set<Integer> units;
    private final Set<Integer> silent;
    private final Thread thread;
    private final AtomicLong served = new AtomicLong();
    private volatile boolean running = true;

    PacedRtuSlave(Path device, int baudRate, Set<Integer> units, Set<Integer> silent) {
        this.port = SerialPort.getCommPort(device.toString());
        this.charNanos = 11L * 1_000_000_000L / baudRate;
        this.units = Set.copyOf(units);
        this.silent = Set.copyOf(silent);
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("cannot open " + device);
        }
        thread = new Thread(this::serve, "paced-rtu-slave");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wire time of {@code bytes} characters. */
    long nanosFor(double characters) {
        return (long) (characters * charNanos);
    }

    long served() {
        return served.get();
    }

    private void serve() {
        byte[] request = new byte[8];
        int have = 0;
        while (running) {
            int n = port.readBytes(request, request.length - have, have);
            if (n <= 0) {
                have = 0; // a pause ends a frame: start over with the next byte
                continue;
            }
            have += n;
            if (have < request.length) {
                continue;
            }
            have = 0;
            long arrived = System.nanoTime();
            if (crc(request, 6) != ((request[6] & 0xFF) | (request[7] & 0xFF) << 8)) {
                continue; // garbled: a real slave stays silent
            }
            int unit = request[0] & 0xFF;
            if (!units.contains(unit) || silent.contains(unit)) {
                continue;
            }
            byte[] response = answer(request);
            long due = arrived + nanosFor(request.length + 3.5 + response.length);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(Math.max(0, due - System.nanoTime() - 50_000));
            }
            port.writeBytes(response, response.length);
            served.incrementAndGet();
        }
    }

    private static byte[] answer(byte[] request) {
        int function = request[1] & 0xFF;
        int address = (request[2] & 0xFF) << 8 | request[3] & 0xFF;
        int count = (request[4] & 0xFF) << 8 | request[5] & 0xFF;
        byte[] data;
        if (function == 1 || function == 2) {
            data = new byte[(count + 7) / 8];
            for (int i = 0; i < count; i++) {
                if ((address + i) % 3 == 0) {
                    data[i / 8] |= (byte) (1 << (i % 8));
                }
            }
        } else {
            data = new byte[2 * count];
            for (int i = 0; i < count; i++) {
                data[2 * i] = (byte) ((address + i) >>> 8);
                data[2 * i + 1] = (byte) (address + i);
            }
        }
        byte[] frame = new byte[5 + data.length];
        frame[0] = request[0];
        frame[1] = (byte) function;
        frame[2] = (byte) data.length;
        System.arraycopy(data, 0, frame, 3, data.length);
        int crc = crc(frame, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >>> 8);
        return frame;
    }

    /** Modbus CRC-16 (polynomial 0xA001, initial 0xFFFF) of the first {@code length} bytes. */
    static int crc(byte[] frame, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= frame[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** Bytes of a read response for {@code count} registers or bits. */
    static int responseBytes(int function, int count) {
        return 5 + (function <= 2 ? (count + 7) / 8 : 2 * count);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
        port.closePort();
    }
}
