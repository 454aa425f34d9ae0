package io.weir.bench.modbus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * A j2mod Modbus TCP slave on a loopback port that counts the read requests it serves, so every master under test
 * is measured the same way, at the slave. Registers (holding and input) hold their own address; the declared holes
 * are refused with ILLEGAL DATA ADDRESS as real meters do.
 */
final class CountingSlave implements AutoCloseable {

    private final int port;
    private final ModbusSlave slave;
    private final AtomicLong reads = new AtomicLong();

    CountingSlave(int registers, int bits, Set<Integer> holes) throws ModbusException {
        this.port = freePort();
        var image = new SimpleProcessImage(1) {
            @Override
            public Register[] getRegisterRange(int offset, int count) {
                reads.incrementAndGet();
                refuseHoles(offset, count, holes);
                return super.getRegisterRange(offset, count);
            }

            @Override
            public InputRegister[] getInputRegisterRange(int offset, int count) {
                reads.incrementAndGet();
                refuseHoles(offset, count, holes);
                return super.getInputRegisterRange(offset, count);
            }

            @Override
            public DigitalOut[] getDigitalOutRange(int offset, int count) {
                reads.incrementAndGet();
                return super.getDigitalOutRange(offset, count);
            }

            @Override
            public DigitalIn[] getDigitalInRange(int offset, int count) {
                reads.incrementAndGet();
                return super.getDigitalInRange(offset, count);
            }
        };
        for (int a = 0; a < registers; a++) {
            image.addRegister(new SimpleRegister(a));
            image.addInputRegister(new SimpleInputRegister(a));
        }
        for (int b = 0; b < bits; b++) {
            image.addDigitalOut(new SimpleDigitalOut(b % 3 == 0));
            image.addDigitalIn(new SimpleDigitalIn(b % 2 == 0));
        }
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(1, image);
        slave.open();
    }

    private static void refuseHoles(int offset, int count, Set<Integer> holes) {
        for (int a = offset; a < offset + count; a++) {
            if (holes.contains(a)) {
                throw new IllegalAddressException("register " + a + " is a hole");
            }
        }
    }

    int port() {
        return port;
    }

    /** Read requests served (answered or refused) since the last reset. */
    long reads() {
        return reads.get();
    }

    void reset() {
        reads.set(0);
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
