package io.weir.simulator.field;

/**
 * An RS-485 tipping-bucket rain gauge: one tip per 0.1 mm of rain, counted in a 16-bit register that wraps from
 * 65535 to 0. Rain that has not yet filled the bucket waits in it for the next call. Thread-safe.
 */
public final class TippingBucketRainGauge {

    /** Holding register: the tip counter, 0.1 mm per count. */
    public static final int TIP_COUNTER = 0x0000;
    /** Rain per tip, mm. */
    public static final double MM_PER_TIP = 0.1;

    private static final int MICROMETRES_PER_TIP = 100;
    private static final int COUNTER_MODULO = 0x10000;

    private long tips;
    private long micrometresInBucket;

    /** Lets {@code millimetres} of rain fall into the gauge. */
    public synchronized void addRainMm(double millimetres) {
        if (!(millimetres >= 0) || Double.isInfinite(millimetres)) {
            throw new IllegalArgumentException("rain must be a finite amount >= 0 mm, was " + millimetres);
        }
        // Whole micrometres keep thousands of small additions from drifting as doubles would.
        micrometresInBucket += Math.round(millimetres * 1000);
        tips += micrometresInBucket / MICROMETRES_PER_TIP;
        micrometresInBucket %= MICROMETRES_PER_TIP;
    }

    /** What register 0x0000 reads. */
    public synchronized int tipCounter() {
        return (int) (tips % COUNTER_MODULO);
    }

    /** Sets the counter, as a Modbus write or a power cycle (to 0) does. */
    public synchronized void setTipCounter(int counter) {
        if (counter < 0 || counter >= COUNTER_MODULO) {
            throw new IllegalArgumentException("tip counter must be in 0..65535, was " + counter);
        }
        tips = counter;
    }
}
