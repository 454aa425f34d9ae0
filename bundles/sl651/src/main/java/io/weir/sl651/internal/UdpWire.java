package io.weir.sl651.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A UDP socket connected to a centre: each frame is one datagram, and only the centre's datagrams are received. A
 * centre that is not listening shows as the port-unreachable error of a later receive, so the link backs off as it
 * does when a TCP connection is refused.
 */
final class UdpWire implements CentreWire {

    private final DatagramSocket socket;
    private final byte[] buffer = new byte[FrameScanner.MAX_FRAME];

    private UdpWire(DatagramSocket socket) {
        this.socket = socket;
    }

    static UdpWire open(CentreLink.Target target) throws IOException {
        var centre = new InetSocketAddress(target.host(), target.port());
        if (centre.isUnresolved()) {
            throw new UnknownHostException(target.host());
        }
        var socket = new DatagramSocket();
        try {
            socket.connect(centre);
            return new UdpWire(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        socket.send(new DatagramPacket(frame, frame.length));
    }

    @Override
    public byte[] receive(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        var packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
