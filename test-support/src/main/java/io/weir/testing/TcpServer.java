package io.weir.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP server on a port the operating system chose when it was created, held until {@link #close}: the
 * test reads {@link #port()} from the server that listens on it, so no other process can take the port in
 * between. Each connection is served on a thread of its own. The test can cut every connection and turn new ones
 * away (a device losing power, a link going down) and let them in again, all on the same port.
 */
public final class TcpServer implements AutoCloseable {

    /** Serves one accepted connection; the server closes it when this returns. */
    @FunctionalInterface
    public interface Connection {
        void serve(Socket client) throws IOException;
    }

    private final ServerSocket server;
    private final String name;
    private final Connection connection;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting;

    private TcpServer(ServerSocket server, String name, Connection connection, boolean accepting) {
        this.server = server;
        this.name = name;
        this.connection = connection;
        this.accepting = accepting;
    }

    /**
     * Listens on a new loopback port.
     *
     * @param name      names the server's threads
     * @param accepting whether connections are served from the start, or turned away until {@link #accepting}
     */
    public static TcpServer start(String name, boolean accepting, Connection connection) throws IOException {
        var server = new TcpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), name, connection,
                accepting);
        daemon(name + "-accept-" + server.port(), server::acceptLoop);
        return server;
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Serves new connections, or turns them away: accepted and closed at once, while the port stays held. Open
     * connections are left as they are; {@link #cutAll} drops them.
     */
    public void accepting(boolean accept) {
        this.accepting = accept;
    }

    /** Drops every open connection, and every socket {@link #track}ed, both ways and without a goodbye. */
    public void cutAll() {
        open.forEach(TcpServer::closeQuietly);
        open.clear();
    }

    /** Makes {@link #cutAll} and {@link #close} drop {@code socket} too, e.g. the far side of a relayed connection. */
    public void track(Socket socket) {
        open.add(socket);
        if (server.isClosed()) {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        cutAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!accepting) {
                closeQuietly(client);
                continue;
            }
            track(client);
            daemon(name + "-" + port() + "-" + client.getPort(), () -> {
                try {
                    connection.serve(client);
                } catch (IOException e) {
                    // the connection was cut, or its peer went away
                } finally {
                    closeQuietly(client);
                    open.remove(client);
                }
            });
        }
    }

    static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
