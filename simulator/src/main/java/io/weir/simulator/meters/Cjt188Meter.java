package io.weir.simulator.meters;

/**
 * A water (or gas) meter answering CJ/T 188-2004, written from the standard for the simulator: 901F answered with
 * current and settlement-day cumulative flow (4 bytes BCD, 2 decimals, unit 2CH = m3), the meter's clock and status
 * ST0 ST1 (bits 0-1 valve, bit 2 battery low).
 */
public final class Cjt188Meter extends Cjt188Device {

    private static final int M3 = 0x2C;

    private volatile double currentM3;
    private volatile double settlementM3;
    private volatile boolean valveClosed;
    private volatile boolean batteryLow;

    /** @param address 14 digits as on the nameplate */
    public Cjt188Meter(int type, String address) {
        super(type, address);
    }

    public Cjt188Meter set(double current, double settlement, boolean valveClosed, boolean batteryLow) {
        this.currentM3 = current;
        this.settlementM3 = settlement;
        this.valveClosed = valveClosed;
        this.batteryLow = batteryLow;
        return this;
    }

    @Override
    protected byte[] meteringData() {
        byte[] d = new byte[19];
        bcd(currentM3, 2, d, 0, 4);
        d[4] = M3;
        bcd(settlementM3, 2, d, 5, 4);
        d[9] = M3;
        clockAndStatus(d, 10, valveClosed, batteryLow);
        return d;
    }
}
