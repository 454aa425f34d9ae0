package io.weir.modbus.slave;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.TCPSlaveConnection;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;

/**
 * A Modbus TCP server answering for several unit ids, like a serial-to-TCP gateway with devices behind it.
 *
 * <p>It accepts connections on a socket of its own rather than using j2mod's ModbusTCPListener, which binds on
 * its own thread and does not tell which port it got: tests need port 0 and a bind error they can see. Framing and
 * the function codes are still j2mod's. The simulator's field devices, the benchmarks' meters and the training
 * run of {@code weir archive-classes} start it with register maps of their own.
 */
public final class ModbusTcpSlave implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpSlave.class);

    private final ServerSocket serverSocket;
    private final UnitDirectory units;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    private ModbusTcpSlave(ServerSocket serverSocket, UnitDirectory units) {
        this.serverSocket = serverSocket;
        this.units = units;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "modbus-tcp-" + serverSocket.getLocalPort() + "-"
                    + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Listens on {@code host:port} (0: any free port, see {@link #port()}) and answers from {@code images} by unit id.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static ModbusTcpSlave start(String host, int port, Map<Integer, ProcessImage> images) {
        return start(host, port, new UnitDirectory(images));
    }

    public static ModbusTcpSlave start(String host, int port, UnitDirectory units) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Modbus TCP server could not listen on " + host + ":" + port, e);
        }
        ModbusTcpSlave slave = new ModbusTcpSlave(socket, units);
        slave.threads.execute(slave::acceptLoop);
        return slave;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Stops listening and hangs up on every client, as a device server losing power does. */
    @Override
    public void close() {
        open = false;
        closeQuietly(serverSocket);
        connections.forEach(ModbusTcpSlave::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (open) {
                    LOG.warn("Modbus TCP server on port {} stopped accepting", port(), e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        if (!open) {
            closeQuietly(socket);
            return;
        }
        LOG.debug("Modbus client {} connected", socket.getRemoteSocketAddress());
        TCPSlaveConnection connection = new TCPSlaveConnection(socket, false);
        AbstractModbusTransport transport = connection.getModbusTransport();
        try {
            while (open && !Thread.currentThread().isInterrupted()) {
                ModbusRequest request = transport.readRequest(units);
                transport.writeResponse(answer(request));
            }
        } catch (ModbusIOException e) {
            if (open && !e.isEOF() && !(e.getCause() instanceof SocketException)) {
                LOG.warn("Modbus client {} dropped: {}", socket.getRemoteSocketAddress(), e.getMessage());
            }
        } finally {
            connection.close();
            connections.remove(socket);
            LOG.debug("Modbus client {} disconnected", socket.getRemoteSocketAddress());
        }
    }

    private ModbusResponse answer(ModbusRequest request) {
        if (units.getProcessImage(request.getUnitID()) == null) {
            // A TCP gateway with nothing at that address says so at once instead of leaving the client to time out.
            return request.createExceptionResponse(Modbus.GATEWAY_TARGET_NO_RESPONSE);
        }
        return request.createResponse(units);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("ignored while closing", e);
        }
    }
}
