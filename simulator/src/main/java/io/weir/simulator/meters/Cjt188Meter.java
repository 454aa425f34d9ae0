package io.weir.simulator.meters;

import java.time.LocalDateTime;

/**
 * A water (or gas) meter answering CJ/T 188-2004, written from the standard for the simulator: read data (01H)
 * of 901F answered 81H with current and settlement-day cumulative flow (4 bytes BCD, 2 decimals, unit 2CH = m3),
 * the meter's clock (7 bytes BCD, seconds first) and status ST0 ST1; read address (03H, 810A) answered 83H.
 */
public final class Cjt188Meter implements SimulatedMeter {

    private final int type;
    private final byte[] address; // wire order
    private volatile double currentM3;
    private volatile double settlementM3;
    private volatile int status0;

    /** @param address 14 digits as on the nameplate */
    public Cjt188Meter(int type, String address) {
        this.type = type;
        this.address = new byte[7];
        for (int i = 0; i < 7; i++) {
            this.address[i] = (byte) Integer.parseInt(address.substring(12 - 2 * i, 14 - 2 * i), 16);
        }
    }

    public Cjt188Meter set(double current, double settlement, boolean valveClosed, boolean batteryLow) {
        this.currentM3 = current;
        this.settlementM3 = settlement;
        this.status0 = (valveClosed ? 0x01 : 0x00) | (batteryLow ? 0x04 : 0x00);
        return this;
    }

    @Override
    public byte[] answer(byte[] f) {
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
        byte[] d = new byte[22];
        d[0] = f[11];
        d[1] = f[12];
        d[2] = f[13];
        bcd(currentM3, d, 3);
        d[7] = 0x2C;
        bcd(settlementM3, d, 8);
        d[12] = 0x2C;
        LocalDateTime now = LocalDateTime.of(2026, 7, 18, 9, 0, 0);
        int[] clock = {now.getSecond(), now.getMinute(), now.getHour(), now.getDayOfMonth(), now.getMonthValue(),
            now.getYear() % 100, now.getYear() / 100};
        for (int i = 0; i < 7; i++) {
            d[13 + i] = (byte) (((clock[i] / 10) << 4) | (clock[i] % 10));
        }
        d[20] = (byte) status0;
        d[21] = 0;
        return frame(0x81, d);
    }

    private static void bcd(double m3, byte[] d, int at) {
        long hundredths = Math.round(m3 * 100);
        for (int i = 0; i < 4; i++) {
            int two = (int) (hundredths % 100);
            hundredths /= 100;
            d[at + i] = (byte) (((two / 10) << 4) | (two % 10));
        }
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
