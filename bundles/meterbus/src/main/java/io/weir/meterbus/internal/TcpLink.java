package io.weir.meterbus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The line behind a serial device server in transparent mode (TCP server side, raw bytes). */
final class TcpLink implements Link {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;

    TcpLink(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void open() throws IOException {
        if (socket != null) {
            return;
        }
        var s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = s.getInputStream();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        open();
        try {
            socket.getOutputStream().write(frame);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        open();
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        try {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                close();
                throw new IOException("the device server at " + host + ":" + port + " closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void discardInput() throws IOException {
        if (socket != null) {
            int waiting = in.available();
            if (waiting > 0) {
                in.skipNBytes(waiting);
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // gone already
            }
            socket = null;
            in = null;
        }
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }
}
