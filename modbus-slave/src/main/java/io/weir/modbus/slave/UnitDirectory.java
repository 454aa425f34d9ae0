package io.weir.modbus.slave;

import java.util.Map;

import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;

/**
 * The register maps behind one TCP port, by unit id. j2mod's requests find their process image through a listener;
 * this one answers from its own map instead of j2mod's process-wide slave registry, so several servers (and test
 * suites) in one JVM stay apart. It never listens itself: {@link ModbusTcpSlave} owns the socket.
 */
public final class UnitDirectory extends AbstractModbusListener {

    private final Map<Integer, ProcessImage> images;

    public UnitDirectory(Map<Integer, ProcessImage> images) {
        this.images = Map.copyOf(images);
    }

    @Override
    public ProcessImage getProcessImage(int unitId) {
        return images.get(unitId);
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("the directory does not listen; ModbusTcpSlave does");
    }

    @Override
    public void stop() {
        // Nothing runs here.
    }
}
