package io.weir.modbus.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.net.TCPSlaveConnection;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

import io.weir.testing.TcpServer;

/**
 * A Modbus TCP slave on a loopback port, with holes in its register map like real devices have. Framing and the
 * function codes are j2mod's; the socket is a {@link TcpServer} that holds its port from construction to close,
 * so the port is known before {@link #start} and stays the slave's across {@link #stop} and {@link #start}: a
 * stopped slave cuts every connection and refuses new ones, as a device that loses power or its cable does. It
 * answers as j2mod's own slave does, which binds on a thread of its own and does not say which port it got, and
 * when closed still answers one request on each open connection.
 */
final class TestSlave implements AutoCloseable {

    static final int UNIT_ID = 1;

    private final SimpleProcessImage image;
    private final Map<Integer, ProcessImage> units = new ConcurrentHashMap<>();
    private final Units directory = new Units();
    private final Set<Integer> silentUnits = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final TcpServer server;
    private volatile boolean rtuOverTcp;

    /**
     * @param holding       holding register values from address 0
     * @param input         input register values from address 0
     * @param holdingHoles  holding addresses the device does not have: a read touching one is refused with
     *                      exception 02
     */
    TestSlave(int[] holding, int[] input, Set<Integer> holdingHoles) {
        this.image = new HoleyImage(holdingHoles);
        for (int value : holding) {
            image.addRegister(new SimpleRegister(value));
        }
        for (int value : input) {
            image.addInputRegister(new SimpleInputRegister(value));
        }
        units.put(UNIT_ID, image);
        try {
            this.server = TcpServer.start("test-slave", false, this::serve);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
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

    /** Sets a holding register, as the measured quantity changes. */
    void holding(int address, int value) {
        image.getRegister(address).setValue(value);
    }

    int port() {
        return server.port();
    }

    /** Connections the slave has accepted so far, over its whole life. */
    int connections() {
        return connections.get();
    }

    /** Speaks RTU frames (with CRC) over the TCP connection, as a serial device server passes them through. */
    TestSlave rtuOverTcp() {
        rtuOverTcp = true;
        return this;
    }

    /**
     * Adds a unit that is never answered for, like an address with no meter behind a gateway that stays silent:
     * its requests are read and dropped, and the connection stays open.
     */
    TestSlave withSilentUnit(int unitId) {
        silentUnits.add(unitId);
        return this;
    }

    /**
     * Adds a unit that takes a request and answers too late for any sane timeout, like a meter that hung behind
     * a live gateway: a second later (with an exception), or when the slave closes, so the slave's threads come
     * back. Later requests on the same connection wait behind it.
     */
    TestSlave withLateUnit(int unitId) {
        units.put(unitId, new SimpleProcessImage(unitId) {
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

    /** Serves requests, from now on or again after {@link #stop}. */
    TestSlave start() {
        server.accepting(true);
        return this;
    }

    /** Cuts every connection and refuses new ones; the port stays the slave's. */
    void stop() {
        server.accepting(false);
        server.cutAll();
    }

    @Override
    public void close() {
        stopped.countDown();
        server.close();
    }

    private void serve(Socket client) throws IOException {
        connections.incrementAndGet();
        var connection = new TCPSlaveConnection(client, rtuOverTcp);
        AbstractModbusTransport transport = connection.getModbusTransport();
        try {
            while (true) {
                ModbusRequest request = transport.readRequest(directory);
                if (silentUnits.contains(request.getUnitID())) {
                    continue;
                }
                // j2mod's TCP slave answers a unit it has no image for with ILLEGAL_DATA_ADDRESS
                transport.writeResponse(directory.getProcessImage(request.getUnitID()) == null
                        ? request.createExceptionResponse(Modbus.ILLEGAL_ADDRESS_EXCEPTION)
                        : request.createResponse(directory));
            }
        } catch (ModbusIOException e) {
            // cut, or the master went away
        } finally {
            connection.close();
        }
    }

    /** Where j2mod's requests find the process image of their unit. */
    private final class Units extends AbstractModbusListener {
        @Override
        public ProcessImage getProcessImage(int unitId) {
            return units.get(unitId);
        }

        @Override
        public void run() {
            throw new UnsupportedOperationException("the slave's TcpServer listens");
        }

        @Override
        public void stop() {
            // nothing runs here
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
