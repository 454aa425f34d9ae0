package io.weir.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP server on a port the operating system chose when it was created, held until {@link #close}: the
 * test reads {@link #port()} from the server that owns it, so no other process can take the port in between. Each
 * connection is served on a thread of its own. The test can cut every connection and refuse new ones (a device
 * losing power, a link going down) and then let them in again, on the same port.
 *
 * <p>The port is held by a socket that is bound with {@code SO_REUSEPORT} and never listens; a listener bound the
 * same way serves while the server accepts. Without the listener, connections are refused as by a host whose
 * service is down, and still no other process can bind the port.
 */
public final class TcpServer implements AutoCloseable {

    /** Serves one accepted connection; the server closes it when this returns. */
    @FunctionalInterface
    public interface Connection {
        void serve(Socket client) throws IOException;
    }

    private final Socket holder;
    private final String name;
    private final Connection connection;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener; // guarded by this; null while connections are refused
    private Thread acceptor; // guarded by this; accepts on the listener
    private boolean closed; // guarded by this

    private TcpServer(Socket holder, String name, Connection connection) {
        this.holder = holder;
        this.name = name;
        this.connection = connection;
    }

    /**
     * Holds a new loopback port.
     *
     * @param name      names the server's threads
     * @param accepting whether connections are served from the start, or refused until {@link #accepting}
     */
    public static TcpServer start(String name, boolean accepting, Connection connection) throws IOException {
        Socket holder = new Socket();
        try {
            holder.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException | RuntimeException e) {
            closeQuietly(holder);
            throw e;
        }
        var server = new TcpServer(holder, name, connection);
        server.accepting(accepting);
        return server;
    }

    public int port() {
        return holder.getLocalPort();
    }

    /**
     * Serves new connections, or refuses them while the port stays held. Open connections are left as they are;
     * {@link #cutAll} drops them.
     */
    public void accepting(boolean accept) {
        Thread stopping;
        synchronized (this) {
            if (accept) {
                if (listener == null && !closed) {
                    ServerSocket current = listen();
                    listener = current;
                    acceptor = daemon(name + "-accept-" + port(), () -> acceptLoop(current));
                }
                return;
            }
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            stopping = acceptor;
            acceptor = null;
        }
        // The kernel lets the listening socket go only once the thread blocked in accept() has left it; until
        // then, connections would still be taken.
        try {
            stopping.join(Patience.LOCAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            throw new IllegalStateException("the listener on port " + port() + " did not close");
        }
    }

    /** Drops every open connection, and every socket {@link #track}ed, both ways and without a goodbye. */
    public void cutAll() {
        open.forEach(TcpServer::closeQuietly);
        open.clear();
    }

    /** Makes {@link #cutAll} and {@link #close} drop {@code socket} too, e.g. the far side of a relayed connection. */
    public void track(Socket socket) {
        open.add(socket);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        accepting(false);
        closeQuietly(holder);
        cutAll();
    }

    private ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true); // over the TIME_WAIT of connections served before
            socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the held port " + port(), e);
        }
    }

    private void acceptLoop(ServerSocket from) {
        while (true) {
            Socket client;
            try {
                client = from.accept();
            } catch (IOException e) {
                return; // this listener was closed
            }
            synchronized (this) {
                if (listener != from) { // accepted as the server stopped accepting
                    closeQuietly(client);
                    return;
                }
                track(client);
            }
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

    static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
