package io.weir.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Ports a test holds rather than guesses. */
public final class Ports {

    private Ports() {
    }

    /**
     * A loopback TCP port where nothing listens, so a connection to it is refused at once, as to a device that is
     * off: the returned socket is bound to the port but never listens, which keeps every other process off it until
     * the test closes the socket. A port found free and closed again could be anyone's by the time it is used.
     */
    public static Socket refusing() {
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            TcpServer.closeQuietly(socket);
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
        return socket;
    }
}
