package io.weir.simulator.field;

/**
 * An 80 GHz radar level gauge of the HLK-LD8001H class looking down at a river.
 *
 * <p>The radar measures the air gap between itself and the water; it reports the water level as its configured
 * installation height minus that gap. So the physical mounting height and the configured one are kept apart:
 * {@link #setInstallationHeightCm} mounts and configures the gauge, while {@link #configureInstallationHeightCm}
 * (what a Modbus write does) changes only the setting, and a wrong setting shifts the reported level exactly as it
 * would in the field. Thread-safe.
 */
public final class RadarLevelGauge {

    /** Holding register: distance from the sensor to the water, mm. */
    public static final int AIR_GAP_MM = 0x0001;
    /** Holding register: water level above the gauge datum, mm. */
    public static final int WATER_LEVEL_MM = 0x0003;
    /** Holding register, read/write: height of the sensor above the gauge datum, cm. */
    public static final int INSTALLATION_HEIGHT_CM = 0x0005;
    /** Holding register: the device's RS-485 address. */
    public static final int DEVICE_ADDRESS = 0x03F4;
    /** Holding register: the measuring range setting, m. */
    public static final int RANGE_M = 0x07D4;

    private static final int UINT16_MAX = 0xFFFF;
    private static final int MAX_HEIGHT_CM = UINT16_MAX / 10;

    private final int deviceAddress;
    private final int rangeM;
    private int waterLevelMm;
    private int mountedHeightCm;
    private int configuredHeightCm;

    /**
     * @param installationHeightCm where the sensor is mounted and configured, cm above the gauge datum
     * @param waterLevelMm the true water level to start with, mm above the gauge datum
     */
    public RadarLevelGauge(int deviceAddress, int rangeM, int installationHeightCm, int waterLevelMm) {
        this.deviceAddress = inRange("device address", deviceAddress, 1, 247);
        this.rangeM = inRange("range", rangeM, 1, UINT16_MAX);
        this.mountedHeightCm = inRange("installation height", installationHeightCm, 1, MAX_HEIGHT_CM);
        this.configuredHeightCm = mountedHeightCm;
        this.waterLevelMm = inRange("water level", waterLevelMm, 0, UINT16_MAX);
    }

    /** Sets the true water level, mm above the gauge datum. */
    public synchronized void setWaterLevelMm(int millimetres) {
        waterLevelMm = inRange("water level", millimetres, 0, UINT16_MAX);
    }

    /** Mounts the sensor at this height and configures it to match, cm above the gauge datum. */
    public synchronized void setInstallationHeightCm(int centimetres) {
        mountedHeightCm = inRange("installation height", centimetres, 1, MAX_HEIGHT_CM);
        configuredHeightCm = mountedHeightCm;
    }

    /** Changes only the installation height setting, as writing register 0x0005 does; the sensor stays put. */
    public synchronized void configureInstallationHeightCm(int centimetres) {
        configuredHeightCm = inRange("installation height", centimetres, 1, MAX_HEIGHT_CM);
    }

    /** What register 0x0001 reads: the measured distance to the water; 0 when the sensor is under water. */
    public synchronized int airGapMm() {
        return Math.max(0, mountedHeightCm * 10 - waterLevelMm);
    }

    /** What register 0x0003 reads: configured installation height minus the measured air gap. */
    public synchronized int waterLevelMm() {
        return Math.max(0, Math.min(UINT16_MAX, configuredHeightCm * 10 - airGapMm()));
    }

    /** What register 0x0005 reads: the configured installation height, cm. */
    public synchronized int installationHeightCm() {
        return configuredHeightCm;
    }

    public int deviceAddress() {
        return deviceAddress;
    }

    public int rangeM() {
        return rangeM;
    }

    private static int inRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
