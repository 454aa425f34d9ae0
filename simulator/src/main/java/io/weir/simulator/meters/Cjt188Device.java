package io.weir.simulator.meters;

/**
 * What every CJ/T 188-2004 meter of the simulator does alike, written from the standard: it answers frames of its
 * own meter type only; the broadcast read of the address (control 03H to AA x 7) with 83H and its address; a read
 * of data (01H) to its address with 81H, the data identifier and serial number asked, and the metering data of its
 * kind. Frames are {@code 68 T A0..A6 C L DATA CS 16}, the address lowest byte first.
 */
public abstract class Cjt188Device implements SimulatedMeter {

    /** The meter's clock in its answers: 2026-07-18 09:00:00, seconds first. */
    private static final int[] CLOCK = {0x00, 0x00, 0x09, 0x18, 0x07, 0x26, 0x20};

    private final int type;
    private final byte[] address; // wire order

    /** @param address 14 digits as on the nameplate */
    protected Cjt188Device(int type, String address) {
        this.type = type;
        this.address = new byte[7];
        for (int i = 0; i < 7; i++) {
            this.address[i] = (byte) Integer.parseInt(address.substring(12 - 2 * i, 14 - 2 * i), 16);
        }
    }

    /** The metering data after the data identifier and serial number. */
    protected abstract byte[] meteringData();

    @Override
    public final byte[] answer(byte[] f) {
        if (f.length < 16 || (f[1] & 0xFF) != type) {
            return null;
        }
        int control = f[9] & 0xFF;
        boolean broadcast = true;
        boolean mine = true;
        for (int i = 0; i < 7; i++) {
            broadcast &= (f[2 + i] & 0xFF) == 0xAA;
            mine &= f[2 + i] == address[i];
        }
        if (control == 0x03 && broadcast) {
            return frame(0x83, new byte[] {f[11], f[12], f[13]});
        }
        if (control != 0x01 || !mine) {
            return null;
        }
        byte[] metering = meteringData();
        byte[] d = new byte[3 + metering.length];
        d[0] = f[11];
        d[1] = f[12];
        d[2] = f[13];
        System.arraycopy(metering, 0, d, 3, metering.length);
        return frame(0x81, d);
    }

    /** {@code value} with {@code decimals} decimals as {@code bytes} bytes of BCD, lowest first, at {@code at}. */
    protected static void bcd(double value, int decimals, byte[] d, int at, int bytes) {
        long n = Math.round(value * Math.pow(10, decimals));
        for (int i = 0; i < bytes; i++) {
            int two = (int) (n % 100);
            n /= 100;
            d[at + i] = (byte) (((two / 10) << 4) | (two % 10));
        }
    }

    /** The meter's clock (7 bytes) and status ST0 ST1 at {@code at}. */
    protected static void clockAndStatus(byte[] d, int at, boolean valveClosed, boolean batteryLow) {
        for (int i = 0; i < CLOCK.length; i++) {
            d[at + i] = (byte) CLOCK[i];
        }
        d[at + 7] = (byte) ((valveClosed ? 0x01 : 0x00) | (batteryLow ? 0x04 : 0x00));
        d[at + 8] = 0;
    }

    private byte[] frame(int control, byte[] data) {
        byte[] out = new byte[13 + data.length];
        out[0] = 0x68;
        out[1] = (byte) type;
        System.arraycopy(address, 0, out, 2, 7);
        out[9] = (byte) control;
        out[10] = (byte) data.length;
        System.arraycopy(data, 0, out, 11, data.length);
        int sum = 0;
        for (int i = 0; i < 11 + data.length; i++) {
            sum += out[i] & 0xFF;
        }
        out[11 + data.length] = (byte) sum;
        out[12 + data.length] = 0x16;
        return out;
    }
}
