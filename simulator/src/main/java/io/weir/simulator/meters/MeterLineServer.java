package io.weir.simulator.meters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A serial device server in transparent mode with a meter line behind it: every TCP connection talks to the line
 * (one at a time, as the server's one serial port allows).
 */
public final class MeterLineServer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    private MeterLineServer(ServerSocket server, MeterLine line) {
        this.server = server;
        this.thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    line.serve(s.getInputStream(), s.getOutputStream());
                } catch (IOException e) {
                    // connection ended or server closed
                }
            }
        }, "meter-line-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts on {@code host}, port 0 for any free port. */
    public static MeterLineServer start(String host, int port, MeterLine line) {
        try {
            return new MeterLineServer(new ServerSocket(port, 50, InetAddress.getByName(host)), line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
