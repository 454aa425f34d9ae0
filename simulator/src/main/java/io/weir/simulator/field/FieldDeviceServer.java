package io.weir.simulator.field;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.modbus.slave.ModbusTcpSlave;
import io.weir.modbus.slave.UnitDirectory;

/**
 * The field devices of one river station behind a Modbus TCP gateway: unit {@value #RADAR_UNIT_ID} is a radar
 * level gauge ({@link RadarLevelGauge}), unit {@value #RAIN_GAUGE_UNIT_ID} a tipping-bucket rain gauge
 * ({@link TippingBucketRainGauge}). Function 03 reads their holding registers, 06 and 16 write the writable ones;
 * an address outside the map answers exception 02 and an unknown unit exception 0B. Thread-safe.
 */
public final class FieldDeviceServer implements AutoCloseable {

    public static final int RADAR_UNIT_ID = 1;
    public static final int RAIN_GAUGE_UNIT_ID = 2;

    /** The radar's mounting height: 8 m above the gauge datum clears the station's guaranteed level of 4.50 m. */
    public static final int DEFAULT_INSTALLATION_HEIGHT_CM = 800;
    public static final int DEFAULT_WATER_LEVEL_MM = 2100;
    public static final int DEFAULT_RANGE_M = 30;

    private static final Logger LOG = LoggerFactory.getLogger(FieldDeviceServer.class);

    private final RadarLevelGauge radar;
    private final TippingBucketRainGauge rainGauge;
    private final ModbusTcpSlave slave;
    private final String host;

    private FieldDeviceServer(RadarLevelGauge radar, TippingBucketRainGauge rainGauge, ModbusTcpSlave slave,
            String host) {
        this.radar = radar;
        this.rainGauge = rainGauge;
        this.slave = slave;
        this.host = host;
    }

    /** Starts the devices with their defaults on {@code host:port}; port 0 picks a free port. */
    public static FieldDeviceServer start(String host, int port) {
        RadarLevelGauge radar = new RadarLevelGauge(RADAR_UNIT_ID, DEFAULT_RANGE_M, DEFAULT_INSTALLATION_HEIGHT_CM,
                DEFAULT_WATER_LEVEL_MM);
        TippingBucketRainGauge rainGauge = new TippingBucketRainGauge();
        UnitDirectory units = new UnitDirectory(Map.of(
                RADAR_UNIT_ID, RegisterMaps.radar(RADAR_UNIT_ID, radar),
                RAIN_GAUGE_UNIT_ID, RegisterMaps.rainGauge(RAIN_GAUGE_UNIT_ID, rainGauge)));
        FieldDeviceServer server = new FieldDeviceServer(radar, rainGauge, ModbusTcpSlave.start(host, port, units),
                host);
        LOG.info("field devices on Modbus TCP {}:{} (unit {} radar level gauge, unit {} rain gauge)", host,
                server.port(), RADAR_UNIT_ID, RAIN_GAUGE_UNIT_ID);
        return server;
    }

    public String host() {
        return host;
    }

    /** The TCP port the devices answer on (the real one when started with port 0). */
    public int port() {
        return slave.port();
    }

    public RadarLevelGauge radar() {
        return radar;
    }

    public TippingBucketRainGauge rainGauge() {
        return rainGauge;
    }

    /** Sets the river's true water level, mm above the gauge datum. */
    public void setWaterLevelMm(int millimetres) {
        radar.setWaterLevelMm(millimetres);
    }

    /** The water level the radar reports (register 0x0003), mm. */
    public int waterLevelMm() {
        return radar.waterLevelMm();
    }

    /** Mounts the radar at this height and configures it to match, cm above the gauge datum. */
    public void setInstallationHeightCm(int centimetres) {
        radar.setInstallationHeightCm(centimetres);
    }

    /** Lets rain fall into the rain gauge. */
    public void addRainMm(double millimetres) {
        rainGauge.addRainMm(millimetres);
    }

    /** The rain gauge's tip counter (register 0x0000), 0.1 mm per count. */
    public int rainTipCounter() {
        return rainGauge.tipCounter();
    }

    /** Sets the rain gauge's tip counter, for example to 0 as after a power cycle. */
    public void setRainTipCounter(int counter) {
        rainGauge.setTipCounter(counter);
    }

    @Override
    public void close() {
        slave.close();
        LOG.info("field devices on port {} stopped", port());
    }
}
