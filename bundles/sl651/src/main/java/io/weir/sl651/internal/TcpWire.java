package io.weir.sl651.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** A TCP connection to a centre; one read may bring several frames, and they are handed out one by one. */
final class TcpWire implements CentreWire {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameScanner scanner = new FrameScanner();
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final byte[] buffer = new byte[512];

    private TcpWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TcpWire connect(CentreLink.Target target) throws IOException {
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.host(), target.port()), 10_000);
            socket.setTcpNoDelay(true);
            return new TcpWire(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    @Override
    public byte[] receive(Duration wait) throws IOException {
        if (pending.isEmpty()) {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the centre closed the connection");
                }
                pending.addAll(scanner.add(buffer, 0, n));
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
        return pending.poll();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
