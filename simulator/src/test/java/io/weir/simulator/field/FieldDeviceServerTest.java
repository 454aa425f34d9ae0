package io.weir.simulator.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

class FieldDeviceServerTest {

    private static final int RADAR = FieldDeviceServer.RADAR_UNIT_ID;
    private static final int RAIN = FieldDeviceServer.RAIN_GAUGE_UNIT_ID;

    private FieldDeviceServer devices;
    private ModbusTCPMaster master;

    @BeforeEach
    void start() throws Exception {
        devices = FieldDeviceServer.start("127.0.0.1", 0);
        master = new ModbusTCPMaster("127.0.0.1", devices.port(), 5_000, false);
        master.connect();
    }

    @AfterEach
    void stop() {
        master.disconnect();
        devices.close();
    }

    @Test
    void radarAnswersItsRegisterMap() throws Exception {
        assertThat(read(RADAR, RadarLevelGauge.AIR_GAP_MM)).isEqualTo(8000 - 2100);
        assertThat(read(RADAR, RadarLevelGauge.WATER_LEVEL_MM)).isEqualTo(2100);
        assertThat(read(RADAR, RadarLevelGauge.INSTALLATION_HEIGHT_CM)).isEqualTo(800);
        assertThat(read(RADAR, RadarLevelGauge.DEVICE_ADDRESS)).isEqualTo(1);
        assertThat(read(RADAR, RadarLevelGauge.RANGE_M)).isEqualTo(30);
    }

    @Test
    void newWaterLevelIsReadBackWithItsAirGap() throws Exception {
        devices.setWaterLevelMm(3520);

        assertThat(read(RADAR, RadarLevelGauge.WATER_LEVEL_MM)).isEqualTo(3520);
        assertThat(read(RADAR, RadarLevelGauge.AIR_GAP_MM)).isEqualTo(8000 - 3520);
    }

    @Test
    void missingRegisterAnswersIllegalDataAddress() {
        for (int hole : new int[] {0x0000, 0x0002, 0x0004, 0x0006, 0x03F3, 0x07D5, 0x9999}) {
            assertThat(exceptionReading(RADAR, hole, 1)).as("register 0x%04X", hole)
                    .isEqualTo(Modbus.ILLEGAL_ADDRESS_EXCEPTION);
        }
    }

    @Test
    void blockReadAcrossAHoleAnswersIllegalDataAddress() {
        assertThat(exceptionReading(RADAR, RadarLevelGauge.AIR_GAP_MM, 3))
                .isEqualTo(Modbus.ILLEGAL_ADDRESS_EXCEPTION);
        assertThat(exceptionReading(RAIN, TippingBucketRainGauge.TIP_COUNTER, 2))
                .isEqualTo(Modbus.ILLEGAL_ADDRESS_EXCEPTION);
    }

    @Test
    void unknownUnitAnswersGatewayTargetFailedToRespond() {
        assertThat(exceptionReading(7, 0x0000, 1)).isEqualTo(Modbus.GATEWAY_TARGET_NO_RESPONSE);
    }

    @Test
    void writingTheInstallationHeightShiftsTheReportedLevelNotTheRiver() throws Exception {
        master.writeSingleRegister(RADAR, RadarLevelGauge.INSTALLATION_HEIGHT_CM, new SimpleRegister(810));

        assertThat(read(RADAR, RadarLevelGauge.INSTALLATION_HEIGHT_CM)).isEqualTo(810);
        assertThat(read(RADAR, RadarLevelGauge.AIR_GAP_MM)).isEqualTo(5900);
        assertThat(read(RADAR, RadarLevelGauge.WATER_LEVEL_MM)).isEqualTo(2200);
    }

    @Test
    void readOnlyRegisterRefusesAWrite() throws Exception {
        ModbusSlaveException refused = catchThrowableOfType(ModbusSlaveException.class,
                () -> master.writeSingleRegister(RADAR, RadarLevelGauge.WATER_LEVEL_MM, new SimpleRegister(1)));

        assertThat(refused.getType()).isEqualTo(Modbus.ILLEGAL_ADDRESS_EXCEPTION);
        assertThat(read(RADAR, RadarLevelGauge.WATER_LEVEL_MM)).isEqualTo(2100);
    }

    @Test
    void rainGaugeCountsTenthsOfAMillimetre() throws Exception {
        devices.addRainMm(12.4);

        assertThat(read(RAIN, TippingBucketRainGauge.TIP_COUNTER)).isEqualTo(124);
    }

    @Test
    void rainCounterWrapsAt65535() throws Exception {
        devices.setRainTipCounter(65_530);
        devices.addRainMm(1.0);

        assertThat(read(RAIN, TippingBucketRainGauge.TIP_COUNTER)).isEqualTo(4);
    }

    @Test
    void rainCounterCanBeClearedOverModbus() throws Exception {
        devices.addRainMm(3.0);
        master.writeSingleRegister(RAIN, TippingBucketRainGauge.TIP_COUNTER, new SimpleRegister(0));

        assertThat(devices.rainTipCounter()).isZero();
    }

    @Test
    void serversOnPortZeroDoNotCollide() throws Exception {
        try (FieldDeviceServer other = FieldDeviceServer.start("127.0.0.1", 0)) {
            other.setWaterLevelMm(4000);
            ModbusTCPMaster otherMaster = new ModbusTCPMaster("127.0.0.1", other.port(), 5_000, false);
            otherMaster.connect();
            try {
                assertThat(other.port()).isNotEqualTo(devices.port());
                assertThat(otherMaster.readMultipleRegisters(RADAR, RadarLevelGauge.WATER_LEVEL_MM, 1)[0].getValue())
                        .isEqualTo(4000);
                assertThat(read(RADAR, RadarLevelGauge.WATER_LEVEL_MM)).isEqualTo(2100);
            } finally {
                otherMaster.disconnect();
            }
        }
    }

    private int read(int unit, int register) throws Exception {
        Register[] values = master.readMultipleRegisters(unit, register, 1);
        assertThat(values).hasSize(1);
        return values[0].getValue();
    }

    private int exceptionReading(int unit, int register, int count) {
        ModbusSlaveException refused = catchThrowableOfType(ModbusSlaveException.class,
                () -> master.readMultipleRegisters(unit, register, count));
        assertThat(refused).as("reading %d register(s) at 0x%04X of unit %d should fail, got %s", count, register,
                unit, refused == null ? "an answer" : "").isNotNull();
        return refused.getType();
    }
}
