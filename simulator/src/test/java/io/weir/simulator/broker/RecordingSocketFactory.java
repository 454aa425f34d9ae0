package io.weir.simulator.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.SocketFactory;

/** Hands MQTT clients plain sockets and keeps them, so a test can cut a client's connection from under it. */
final class RecordingSocketFactory extends SocketFactory {

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    @Override
    public Socket createSocket() {
        return keep(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return keep(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return keep(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return keep(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return keep(new Socket(address, port, localAddress, localPort));
    }

    /** Resets every connection made so far: the peer sees a dead link, not an MQTT DISCONNECT. */
    void killAll() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Socket keep(Socket socket) {
        sockets.add(socket);
        return socket;
    }
}
