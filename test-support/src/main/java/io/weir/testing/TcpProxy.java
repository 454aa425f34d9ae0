package io.weir.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A loopback TCP proxy the test controls, on a port it holds from the start (a {@link TcpServer}): it relays to a
 * loopback port that may change ({@link #forwardTo}, e.g. a broker started later), cuts every open connection
 * mid-flight without a goodbye, and refuses new ones until the test lets them through again: the link goes down,
 * and the peer does not know until its next read or write.
 */
public final class TcpProxy implements AutoCloseable {

    private final TcpServer server;
    private volatile int targetPort;

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

    /** Cuts every open connection, both sides. */
    public void cutAll() {
        server.cutAll();
    }

    @Override
    public void close() {
        server.close();
    }

    private void relay(Socket client) throws IOException {
        int target = targetPort;
        if (target < 0) {
            return;
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
