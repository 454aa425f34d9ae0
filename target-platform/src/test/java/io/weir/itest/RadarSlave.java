package io.weir.itest;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** A radar level gauge of the HLK-LD8001H class answering Modbus TCP with j2mod's slave. */
final class RadarSlave implements AutoCloseable {

    private final ModbusSlave slave;
    private final SimpleRegister waterLevelMm = new SimpleRegister(0);
    private final SimpleRegister airGapMm = new SimpleRegister(0);
    private final int installationHeightMm;

    RadarSlave(int port, int unitId, int installationHeightCm) throws Exception {
        installationHeightMm = installationHeightCm * 10;
        var image = new SimpleProcessImage(unitId);
        image.addRegister(0x0000, new SimpleRegister(0));
        image.addRegister(0x0001, airGapMm);
        image.addRegister(0x0002, new SimpleRegister(0));
        image.addRegister(0x0003, waterLevelMm);
        image.addRegister(0x0004, new SimpleRegister(0));
        image.addRegister(0x0005, new SimpleRegister(installationHeightCm));
        slave = ModbusSlaveFactory.createTCPSlave(port, 4);
        slave.addProcessImage(unitId, image);
        slave.open();
    }

    void setWaterLevelMm(int mm) {
        waterLevelMm.setValue(mm);
        airGapMm.setValue(installationHeightMm - mm);
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
