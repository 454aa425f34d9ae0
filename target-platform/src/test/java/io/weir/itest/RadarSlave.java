package io.weir.itest;

import java.io.IOException;
import java.net.Socket;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.net.TCPSlaveConnection;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

import io.weir.testing.TcpServer;

/**
 * A radar level gauge of the HLK-LD8001H class answering Modbus TCP, with j2mod's framing, on a port it holds
 * from the start (j2mod's own slave binds on a thread of its own and does not say which port it got).
 */
final class RadarSlave implements AutoCloseable {

    private final SimpleRegister waterLevelMm = new SimpleRegister(0);
    private final SimpleRegister airGapMm = new SimpleRegister(0);
    private final int installationHeightMm;
    private final Unit unit;
    private final TcpServer server;

    RadarSlave(int unitId, int installationHeightCm) throws IOException {
        installationHeightMm = installationHeightCm * 10;
        var image = new SimpleProcessImage(unitId);
        image.addRegister(0x0000, new SimpleRegister(0));
        image.addRegister(0x0001, airGapMm);
        image.addRegister(0x0002, new SimpleRegister(0));
        image.addRegister(0x0003, waterLevelMm);
        image.addRegister(0x0004, new SimpleRegister(0));
        image.addRegister(0x0005, new SimpleRegister(installationHeightCm));
        unit = new Unit(unitId, image);
        server = TcpServer.start("radar-slave", true, this::serve);
    }

    int port() {
        return server.port();
    }

    void setWaterLevelMm(int mm) {
        waterLevelMm.setValue(mm);
        airGapMm.setValue(installationHeightMm - mm);
    }

    private void serve(Socket client) throws IOException {
        var connection = new TCPSlaveConnection(client);
        AbstractModbusTransport transport = connection.getModbusTransport();
        try {
            while (true) {
                ModbusRequest request = transport.readRequest(unit);
                transport.writeResponse(unit.getProcessImage(request.getUnitID()) == null
                        ? request.createExceptionResponse(Modbus.ILLEGAL_ADDRESS_EXCEPTION)
                        : request.createResponse(unit));
            }
        } catch (ModbusIOException e) {
            // the gateway went away
        } finally {
            connection.close();
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** Where j2mod's requests find the gauge's registers. */
    private static final class Unit extends AbstractModbusListener {
        private final int unitId;
        private final ProcessImage image;

        Unit(int unitId, ProcessImage image) {
            this.unitId = unitId;
            this.image = image;
        }

        @Override
        public ProcessImage getProcessImage(int id) {
            return id == unitId ? image : null;
        }

        @Override
        public void run() {
            throw new UnsupportedOperationException("the gauge's TcpServer listens");
        }

        @Override
        public void stop() {
            // nothing runs here
        }
    }
}
