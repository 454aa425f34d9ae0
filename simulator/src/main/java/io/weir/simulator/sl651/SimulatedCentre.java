package io.weir.simulator.sl651;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hydrology centre (中心站) under SL 651-2014, for testing a station: takes HEX frames over TCP, checks their CRC,
 * keeps every report, and acknowledges it (same function code and serial number, end marker ESC) unless told to
 * stay silent. Can send the station a real-time query (37H) and a clock-set command (4AH).
 */
public final class SimulatedCentre implements AutoCloseable {

    /** One frame a station sent: its function code, serial number and whole bytes. */
    public record Received(int function, int serial, byte[] frame) {
        /** The body between STX and the end marker. */
        public byte[] body() {
            return Arrays.copyOfRange(frame, 14, frame.length - 3);
        }
    }

    private final ServerSocket server;
    private final int address;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile Socket current;

    private SimulatedCentre(ServerSocket server, int address) {
        this.server = server;
        this.address = address;
        Thread t = new Thread(this::serve, "simulated-centre");
        t.setDaemon(true);
        t.start();
    }

    public static SimulatedCentre start(String host, int port, int address) throws IOException {
        return new SimulatedCentre(new ServerSocket(port, 50, InetAddress.getByName(host)), address);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Stops acknowledging (as a centre whose software hangs); the station must keep what it sent. */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                current = s;
                var in = new DataInputStream(s.getInputStream());
                while (true) {
                    byte[] head = new byte[13];
                    in.readFully(head);
                    if ((head[0] & 0xFF) != 0x7E || (head[1] & 0xFF) != 0x7E) {
                        break;
                    }
                    int length = ((head[11] & 0x0F) << 8) | (head[12] & 0xFF);
                    byte[] frame = Arrays.copyOf(head, 13 + 1 + length + 1 + 2);
                    in.readFully(frame, 13, frame.length - 13);
                    int crc = ((frame[frame.length - 2] & 0xFF) << 8) | (frame[frame.length - 1] & 0xFF);
                    if (crc != RtuFrames.crc(Arrays.copyOf(frame, frame.length - 2))) {
                        continue;
                    }
                    int function = frame[10] & 0xFF;
                    int serial = ((frame[14] & 0xFF) << 8) | (frame[15] & 0xFF);
                    received.add(new Received(function, serial, frame));
                    boolean report = function >= 0x30 && function <= 0x35;
                    if (report && !silent) {
                        s.getOutputStream().write(down(frame, function, serial, 0x1B));
                    }
                }
            } catch (IOException e) {
                // connection ended
            }
        }
    }

    /** Sends the connected station a request ({@code 0x37} real-time query, {@code 0x4A} clock set). */
    public void request(String station, int password, int function, int serial, LocalDateTime time)
            throws IOException {
        Socket s = current;
        if (s == null) {
            throw new IOException("no station connected");
        }
        byte[] body = new byte[8];
        body[0] = (byte) (serial >> 8);
        body[1] = (byte) serial;
        System.arraycopy(RtuFrames.time(time), 0, body, 2, 6);
        OutputStream out = s.getOutputStream();
        out.write(downFrame(station, password, function, body, 0x05));
    }

    private byte[] down(byte[] up, int function, int serial, int end) {
        String station = String.format("%02X%02X%02X%02X%02X", up[3], up[4], up[5], up[6], up[7]);
        int password = ((up[8] & 0xFF) << 8) | (up[9] & 0xFF);
        byte[] body = new byte[8];
        body[0] = (byte) (serial >> 8);
        body[1] = (byte) serial;
        System.arraycopy(RtuFrames.time(LocalDateTime.of(2026, 7, 18, 9, 0)), 0, body, 2, 6);
        return downFrame(station, password, function, body, end);
    }

    private byte[] downFrame(String station, int password, int function, byte[] body, int end) {
        var out = new java.io.ByteArrayOutputStream();
        out.write(0x7E);
        out.write(0x7E);
        out.writeBytes(RtuFrames.bcd(station));
        out.write(address);
        out.write(password >> 8);
        out.write(password & 0xFF);
        out.write(function);
        out.write(0x80 | ((body.length >> 8) & 0x0F));
        out.write(body.length & 0xFF);
        out.write(0x02);
        out.writeBytes(body);
        out.write(end);
        int crc = RtuFrames.crc(out.toByteArray());
        out.write(crc >> 8);
        out.write(crc & 0xFF);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}
