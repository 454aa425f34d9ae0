package io.weir.simulator.meters;

/**
 * A heat (20H) or cooling (21H) meter answering CJ/T 188-2004, written from the standard's layout for the
 * simulator: 901F answered with settlement-day heat, current heat, thermal power, flow rate and cumulative flow (4
 * bytes BCD each, 2 decimals but 4 for the flow rate, each followed by its unit code), supply and return water
 * temperature (3 bytes BCD, 2 decimals, degrees C), cumulative working time (3 bytes BCD, hours), the meter's clock
 * and status ST0 ST1. Every quantity is given in the unit its code names, as the meter's display shows it; the unit
 * codes are the standard's (e.g. 05H kWh, 08H MWh, 11H GJ, 17H kW, 2CH m3, 35H m3/h).
 */
public final class Cjt188HeatMeter extends Cjt188Device {

    /** A value as the meter sends it: the number in the unit its code names. */
    private record Quantity(double value, int unit) {
    }

    private volatile Quantity settlementHeat = new Quantity(0, 0x05);
    private volatile Quantity currentHeat = new Quantity(0, 0x05);
    private volatile Quantity power = new Quantity(0, 0x17);
    private volatile Quantity flowRate = new Quantity(0, 0x35);
    private volatile Quantity volume = new Quantity(0, 0x2C);
    private volatile double supplyCelsius;
    private volatile double returnCelsius;
    private volatile int workingHours;
    private volatile boolean valveClosed;
    private volatile boolean batteryLow;

    /**
     * @param type    20H heat or 21H cooling
     * @param address 14 digits as on the nameplate
     */
    public Cjt188HeatMeter(int type, String address) {
        super(type, address);
    }

    /** Heat on the settlement day and now, both in the energy unit {@code unit} (e.g. 05H kWh, 08H MWh). */
    public Cjt188HeatMeter heat(double settlement, double current, int unit) {
        settlementHeat = new Quantity(settlement, unit);
        currentHeat = new Quantity(current, unit);
        return this;
    }

    /** Thermal power in the power unit {@code unit} (e.g. 17H kW). */
    public Cjt188HeatMeter power(double value, int unit) {
        power = new Quantity(value, unit);
        return this;
    }

    /** Flow rate in {@code unit} (35H m3/h, 32H L/h) and cumulative flow in {@code volumeUnit} (2CH m3, 29H L). */
    public Cjt188HeatMeter flow(double rate, int unit, double cumulative, int volumeUnit) {
        flowRate = new Quantity(rate, unit);
        volume = new Quantity(cumulative, volumeUnit);
        return this;
    }

    public Cjt188HeatMeter temperatures(double supply, double back) {
        supplyCelsius = supply;
        returnCelsius = back;
        return this;
    }

    public Cjt188HeatMeter workingHours(int hours) {
        workingHours = hours;
        return this;
    }

    public Cjt188HeatMeter status(boolean valveClosed, boolean batteryLow) {
        this.valveClosed = valveClosed;
        this.batteryLow = batteryLow;
        return this;
    }

    @Override
    protected byte[] meteringData() {
        byte[] d = new byte[43];
        put(settlementHeat, 2, d, 0);
        put(currentHeat, 2, d, 5);
        put(power, 2, d, 10);
        put(flowRate, 4, d, 15);
        put(volume, 2, d, 20);
        bcd(supplyCelsius, 2, d, 25, 3);
        bcd(returnCelsius, 2, d, 28, 3);
        bcd(workingHours, 0, d, 31, 3);
        clockAndStatus(d, 34, valveClosed, batteryLow);
        return d;
    }

    private static void put(Quantity q, int decimals, byte[] d, int at) {
        bcd(q.value(), decimals, d, at, 4);
        d[at + 4] = (byte) q.unit();
    }
}
