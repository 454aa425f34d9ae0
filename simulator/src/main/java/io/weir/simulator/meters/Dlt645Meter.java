package io.weir.simulator.meters;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An electricity meter answering DL/T 645-2007, written from the standard for the simulator: read data (11H)
 * answered 91H with the identifier and its value, or D1H with error byte 02H (no requested data) for an identifier
 * it does not have; read address (13H, sent to AAAAAAAAAAAA) answered 93H. Data bytes travel plus 33H.
 */
public final class Dlt645Meter implements SimulatedMeter {

    private final byte[] address; // wire order, lowest byte first
    private final Map<Integer, byte[]> values = new ConcurrentHashMap<>();

    /** @param address 12 digits as on the nameplate */
    public Dlt645Meter(String address) {
        this.address = new byte[6];
        for (int i = 0; i < 6; i++) {
            this.address[i] = (byte) Integer.parseInt(address.substring(10 - 2 * i, 12 - 2 * i), 16);
        }
    }

    /** Sets the value of data identifier {@code di} (e.g. 0x00010000) as BCD with {@code decimals}, {@code bytes} long. */
    public Dlt645Meter set(int di, double value, int bytes, int decimals, boolean signed) {
        long scaled = Math.round(Math.abs(value) * Math.pow(10, decimals));
        byte[] v = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int two = (int) (scaled % 100);
            scaled /= 100;
            v[i] = (byte) (((two / 10) << 4) | (two % 10));
        }
        if (signed && value < 0) {
            v[bytes - 1] |= (byte) 0x80;
        }
        values.put(di, v);
        return this;
    }

    /** Sets raw value bytes (lowest first), e.g. a date YYMMDDWW. */
    public Dlt645Meter setRaw(int di, byte... lowestFirst) {
        values.put(di, lowestFirst.clone());
        return this;
    }

    @Override
    public byte[] answer(byte[] f) {
        if (f.length < 12 || (f[7] & 0xFF) != 0x68) {
            return null;
        }
        int control = f[8] & 0xFF;
        int length = f[9] & 0xFF;
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (f[10 + i] - 0x33);
        }
        if (control == 0x13 && allAa(f)) {
            return frame(0x93, address.clone());
        }
        if (control != 0x11 || !mine(f) || length < 4) {
            return null;
        }
        int di = ((data[3] & 0xFF) << 24) | ((data[2] & 0xFF) << 16) | ((data[1] & 0xFF) << 8) | (data[0] & 0xFF);
        byte[] value = values.get(di);
        if (value == null) {
            return frame(0xD1, new byte[] {0x02});
        }
        byte[] answer = new byte[4 + value.length];
        System.arraycopy(data, 0, answer, 0, 4);
        System.arraycopy(value, 0, answer, 4, value.length);
        return frame(0x91, answer);
    }

    private boolean mine(byte[] f) {
        for (int i = 0; i < 6; i++) {
            if (f[1 + i] != address[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allAa(byte[] f) {
        for (int i = 1; i <= 6; i++) {
            if ((f[i] & 0xFF) != 0xAA) {
                return false;
            }
        }
        return true;
    }

    private byte[] frame(int control, byte[] data) {
        byte[] out = new byte[12 + data.length];
        out[0] = 0x68;
        System.arraycopy(address, 0, out, 1, 6);
        out[7] = 0x68;
        out[8] = (byte) control;
        out[9] = (byte) data.length;
        for (int i = 0; i < data.length; i++) {
            out[10 + i] = (byte) (data[i] + 0x33);
        }
        int sum = 0;
        for (int i = 0; i < 10 + data.length; i++) {
            sum += out[i] & 0xFF;
        }
        out[10 + data.length] = (byte) sum;
        out[11 + data.length] = 0x16;
        return out;
    }
}
