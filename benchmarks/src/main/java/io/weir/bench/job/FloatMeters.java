package io.weir.bench.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

import io.weir.modbus.slave.ModbusTcpSlave;

/**
 * The job's field: one Modbus TCP server per meter on a loopback port of its own (unit 1), each holding
 * {@link Job#points()} float32 values. Point 0 is the job's clock (seconds since {@link #epochMillis()}, to 0.1 s),
 * so a reading says when it was taken even when the system publishes a bare number; the other points drift slowly.
 * Values are computed when a block is read, so a float's two registers always belong together.
 */
public final class FloatMeters implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Job job;
    private final long epochMillis = System.currentTimeMillis();
    private final List<Map<Integer, ProcessImage>> images = new ArrayList<>();
    private final List<ModbusTcpSlave> servers = new ArrayList<>();
    private final int[] ports;

    public FloatMeters(Job job) {
        this.job = job;
        this.ports = new int[job.meters()];
        try {
            for (int m = 0; m < job.meters(); m++) {
                images.add(Map.of(1, image(m)));
                ModbusTcpSlave server = ModbusTcpSlave.start(HOST, 0, images.get(m));
                servers.add(server);
                ports[m] = server.port();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String host() {
        return HOST;
    }

    public int port(int meter) {
        return ports[meter];
    }

    /** The wall-clock time the clock point counts from. */
    public long epochMillis() {
        return epochMillis;
    }

    /** When a reading of the clock point that read {@code seconds} was taken. */
    public long clockToMillis(double seconds) {
        return epochMillis + Math.round(seconds * 1000);
    }

    /** The meter's server stops listening and hangs up: a device server that lost power. */
    public synchronized void stop(int meter) {
        servers.get(meter).close();
    }

    /**
     * The meter's server listens again on the port it had. Another process may have taken that port meanwhile; then
     * this fails, and the measurement that needed it says so.
     */
    public synchronized void restore(int meter) {
        servers.set(meter, ModbusTcpSlave.start(HOST, ports[meter], images.get(meter)));
    }

    @Override
    public synchronized void close() {
        servers.forEach(ModbusTcpSlave::close);
    }

    private SimpleProcessImage image(int meter) {
        var image = new SimpleProcessImage(1) {
            @Override
            public Register[] getRegisterRange(int offset, int count) {
                super.getRegisterRange(offset, count); // refuses a range outside the map, as the device would
                long now = System.currentTimeMillis();
                Register[] block = new Register[count];
                for (int r = offset; r < offset + count; r++) {
                    int bits = Float.floatToIntBits(value(meter, r / 2, now));
                    block[r - offset] = new SimpleRegister(r % 2 == 0 ? bits >>> 16 : bits & 0xFFFF);
                }
                return block;
            }
        };
        for (int r = 0; r < job.registers(); r++) {
            image.addRegister(new SimpleRegister(0));
        }
        return image;
    }

    private float value(int meter, int point, long now) {
        long tenths = (now - epochMillis) / 100;
        if (point == Job.CLOCK_POINT) {
            return tenths / 10f;
        }
        // a level that moves by a tenth every ten seconds and differs between meters and points; never a whole
        // number or a half, which a float holds exactly and prints short: its text is as long as a measured value's
        // in every window, so bytes per reading do not depend on when the window falls
        int step = (int) (tenths / 100 % 8);
        return 10 * point + meter + (step < 4 ? step + 1 : step + 2) / 10f;
    }
}
