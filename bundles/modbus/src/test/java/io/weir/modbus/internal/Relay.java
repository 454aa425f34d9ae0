package io.weir.modbus.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a test slave. Closing it drops every open connection at once, as a device
 * that loses power or its cable does; j2mod's own slave, when closed, still answers one request on each open
 * connection before letting it go.
 */
final class Relay implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Integer> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;

    Relay(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    Relay start() {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
        ServerSocket listening = server;
        daemon("relay-accept-" + port, () -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    connections.incrementAndGet();
                    sockets.add(client);
                    connect(client);
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
        return this;
    }

    private void connect(Socket client) {
        try {
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(target);
            daemon("relay-up-" + port, () -> {
                if (unanswered.isEmpty()) {
                    pump(client, target);
                } else {
                    pumpRequests(client, target);
                }
            });
            daemon("relay-down-" + port, () -> pump(target, client));
        } catch (IOException e) {
            closeQuietly(client); // the slave is not listening yet: the client sees the connection drop
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /**
     * Modbus TCP requests to these units are not passed on, so they are never answered: a gateway with nothing
     * behind those unit ids, which stays silent instead of answering exception 0B. Set before the first connection.
     */
    Relay unanswered(Set<Integer> units) {
        unanswered.addAll(units);
        return this;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Passes Modbus TCP request frames on one by one, dropping those to unanswered units. */
    private void pumpRequests(Socket from, Socket to) {
        try (var in = new DataInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            while (true) {
                byte[] header = new byte[7];
                in.readFully(header);
                int length = (header[4] & 0xFF) << 8 | header[5] & 0xFF;
                byte[] pdu = new byte[length - 1];
                in.readFully(pdu);
                if (!unanswered.contains(header[6] & 0xFF)) {
                    out.write(header);
                    out.write(pdu);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(Relay::closeQuietly);
        sockets.clear();
    }

    private static void daemon(String name, Runnable body) {
        var thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // nothing left to do
        }
    }
}
