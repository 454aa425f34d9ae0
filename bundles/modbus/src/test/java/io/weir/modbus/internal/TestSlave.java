package io.weir.modbus.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * A real j2mod Modbus TCP slave on a loopback port, with holes in its register map like real devices have. It is
 * reached through a {@link Relay}, so that stopping it drops open connections the way a real device going away
 * does.
 */
final class TestSlave implements AutoCloseable {

    static final int UNIT_ID = 1;

    private final int port;
    private final int slavePort;
    private final SimpleProcessImage image;
    private ModbusSlave slave;
    private Relay relay;

    /**
     * @param holding       holding register values from address 0
     * @param input         input register values from address 0
     * @param holdingHoles  holding addresses the device does not have: a read touching one is refused with
     *                      exception 02
     */
    private final Map<Integer, SimpleProcessImage> lateUnits = new HashMap<>();
    private final Set<Integer> silentUnits = new java.util.HashSet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean rtuOverTcp;

    TestSlave(int[] holding, int[] input, Set<Integer> holdingHoles) {
        this.port = freePort();
        this.slavePort = freePort();
        this.image = new HoleyImage(holdingHoles);
        for (int value : holding) {
            image.addRegister(new SimpleRegister(value));
        }
        for (int value : input) {
            image.addInputRegister(new SimpleInputRegister(value));
        }
    }

    /** Adds coils (function 01) from address 0, after any added before. */
    TestSlave withCoils(boolean... values) {
        for (boolean value : values) {
            image.addDigitalOut(new SimpleDigitalOut(value));
        }
        return this;
    }

    /** Adds discrete inputs (function 02) from address 0, after any added before. */
    TestSlave withDiscreteInputs(boolean... values) {
        for (boolean value : values) {
            image.addDigitalIn(new SimpleDigitalIn(value));
        }
        return this;
    }

    int port() {
        return port;
    }

    /** Connections the slave has accepted so far, over its whole life. */
    int connections() {
        return relay == null ? 0 : relay.connections();
    }

    /** Speaks RTU frames (with CRC) over the TCP connection, as a serial device server passes them through. */
    TestSlave rtuOverTcp() {
        rtuOverTcp = true;
        return this;
    }

    /**
     * Adds a unit that is never answered for, like an address with no meter behind a gateway that stays silent
     * (Modbus TCP only: its requests are dropped on the way in).
     */
    TestSlave withSilentUnit(int unitId) {
        silentUnits.add(unitId);
        return this;
    }

    /**
     * Adds a unit that takes a request and answers too late for any sane timeout, like a meter that hung behind
     * a live gateway: a second later (with an exception), or when the slave stops, so the slave's threads come
     * back. j2mod's slave serves one request of a connection at a time, so later requests on the same connection
     * wait behind it.
     */
    TestSlave withLateUnit(int unitId) {
        lateUnits.put(unitId, new SimpleProcessImage(unitId) {
            @Override
            public Register[] getRegisterRange(int offset, int count) {
                hang();
                throw new IllegalAddressException();
            }

            @Override
            public Register getRegister(int ref) {
                hang();
                throw new IllegalAddressException();
            }
        });
        return this;
    }

    private void hang() {
        try {
            stopped.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes holding register {@code address} take writes (acknowledging them) and keep its value, as some do. */
    TestSlave withStuckRegister(int address) {
        int value = image.getRegister(address).getValue();
        image.setRegister(address, new SimpleRegister(value) {
            private boolean stuck; // false while the constructor sets the value

            {
                stuck = true;
            }

            @Override
            public synchronized void setValue(int v) {
                if (!stuck) {
                    super.setValue(v);
                }
            }

            @Override
            public synchronized void setValue(short v) {
                if (!stuck) {
                    super.setValue(v);
                }
            }

            @Override
            public synchronized void setValue(byte[] bytes) {
                if (!stuck) {
                    super.setValue(bytes);
                }
            }
        });
        return this;
    }

    /** The holding register's value now, as a master would have left it. */
    int holding(int address) {
        return image.getRegister(address).toUnsignedShort();
    }

    boolean coil(int address) {
        return image.getDigitalOut(address).isSet();
    }

    TestSlave start() {
        try {
            slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), slavePort, 16, rtuOverTcp);
            slave.addProcessImage(UNIT_ID, image);
            lateUnits.forEach(slave::addProcessImage);
            slave.open();
        } catch (ModbusException e) {
            throw new IllegalStateException("cannot start the test slave on port " + slavePort, e);
        }
        relay = new Relay(port, slavePort).unanswered(silentUnits).start();
        return this;
    }

    void stop() {
        stopped.countDown();
        if (relay != null) {
            relay.close();
            relay = null;
        }
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
            slave = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class HoleyImage extends SimpleProcessImage {
        private final Set<Integer> holes;

        HoleyImage(Set<Integer> holes) {
            super(UNIT_ID);
            this.holes = Set.copyOf(holes);
        }

        @Override
        public Register[] getRegisterRange(int offset, int count) {
            for (int address = offset; address < offset + count; address++) {
                if (holes.contains(address)) {
                    throw new IllegalAddressException("no register " + address);
                }
            }
            return super.getRegisterRange(offset, count);
        }
    }
}
