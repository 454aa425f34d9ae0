package io.weir.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy the test controls, on a port it holds from the start (a {@link TcpServer}): it relays to a
 * loopback port that may change ({@link #forwardTo}, e.g. a broker started later), cuts every open connection
 * mid-flight without a goodbye, and refuses new ones until the test lets them through again: the link goes down,
 * and the peer does not know until its next read or write. It can also take new connections and hang up at once,
 * as a device server does whose serial side is taken, and it counts the connections it took.
 */
public final class TcpProxy implements AutoCloseable {

    private final TcpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile int targetPort;
    private volatile boolean hangingUp;

    /** A proxy to {@code targetPort}, relaying from the start. */
    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = TcpServer.start("test-proxy", true, this::relay);
    }

    /** A proxy that refuses every connection until it is given a target and {@link #accepting}. */
    public TcpProxy() throws IOException {
        this.targetPort = -1;
        this.server = TcpServer.start("test-proxy", false, this::relay);
    }

    public int port() {
        return server.port();
    }

    /** Relays connections made from now on to {@code port}. */
    public void forwardTo(int port) {
        this.targetPort = port;
    }

    /** Relays new connections, or refuses them; open ones stay as they are. */
    public void accepting(boolean accept) {
        server.accepting(accept);
    }

    /**
     * Takes new connections and closes them at once, without relaying anything, or relays them again; open ones
     * stay as they are.
     */
    public void hangingUp(boolean hangUp) {
        this.hangingUp = hangUp;
    }

    /** Connections taken so far, relayed or hung up on. */
    public int connections() {
        return connections.get();
    }

    /** Cuts every open connection, both sides. */
    public void cutAll() {
        server.cutAll();
    }

    @Override
    public void close() {
        server.close();
    }

    private void relay(Socket client) throws IOException {
        connections.incrementAndGet();
        int target = targetPort;
        if (target < 0 || hangingUp) {
            return; // the server closes the client
        }
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
            server.track(upstream);
            TcpServer.daemon("test-proxy-down-" + port(), () -> pump(upstream, client));
            pump(client, upstream);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or one side closed
        } finally {
            TcpServer.closeQuietly(from);
            TcpServer.closeQuietly(to);
        }
    }
}
