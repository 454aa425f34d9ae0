package io.weir.simulator.sl651;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.weir.simulator.sl651.RtuFrames.Encoding;

/**
 * A hydrology centre (中心站) under SL 651-2014, for testing a station: takes HEX and ASCII frames over TCP, checks
 * their CRC, keeps every frame, and acknowledges each report (same function code and serial number, end marker ESC,
 * in the encoding the station used) unless told to stay silent. Puts multi-packet messages (start marker SYN 16H,
 * packet count and number) back together and confirms each whole one with end marker ACK. Can send the station a
 * request such as a real-time query (37H), a period query (38H) or a clock-set command (4AH), in the encoding of
 * the station's last frame (HEX before any).
 */
public final class SimulatedCentre implements AutoCloseable {

    /**
     * One message a station sent: its function code, serial number, whole bytes (of a multi-packet message: its last
     * packet), the body between the start marker and the end marker (of a multi-packet message: the packets' bodies
     * in order, without their packet count and number) and how many packets carried it (1: a single frame).
     */
    public record Received(int function, int serial, byte[] frame, byte[] body, int packets) {

        public boolean ascii() {
            return RtuFrames.ascii(frame);
        }
    }

    private final ServerSocket server;
    private final int address;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile Socket current;
    private volatile Encoding encoding = Encoding.HEX;
    private final Map<Integer, Map<Integer, byte[]>> packets = new HashMap<>();

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

    /** Whether a station is connected, so a request can be sent. */
    public boolean connected() {
        Socket s = current;
        return s != null && !s.isClosed();
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
                    byte[] frame = RtuFrames.read(in);
                    if (!RtuFrames.crcHolds(frame)) {
                        continue;
                    }
                    encoding = RtuFrames.ascii(frame) ? Encoding.ASCII : Encoding.HEX;
                    int function = RtuFrames.function(frame);
                    if (RtuFrames.multiPacket(frame)) {
                        assemble(s, frame, function);
                        continue;
                    }
                    int serial = RtuFrames.serial(frame);
                    received.add(new Received(function, serial, frame, RtuFrames.body(frame), 1));
                    boolean report = function >= 0x30 && function <= 0x35;
                    if (report && !silent) {
                        s.getOutputStream().write(downFrame(encoding, station(frame), password(frame), function,
                                serial, LocalDateTime.of(2026, 7, 18, 9, 0), 0x1B, ""));
                    }
                }
            } catch (IOException e) {
                // connection ended
            }
        }
    }

    /** Keeps one packet; once all are in, keeps the whole message and confirms it (end marker ACK). */
    private void assemble(Socket s, byte[] packet, int function) throws IOException {
        int[] countAndNumber = RtuFrames.packetCountAndNumber(packet);
        Map<Integer, byte[]> pieces = packets.computeIfAbsent(function, f -> new TreeMap<>());
        pieces.put(countAndNumber[1], RtuFrames.packetBody(packet));
        if (pieces.size() < countAndNumber[0]) {
            return;
        }
        packets.remove(function);
        var body = new ByteArrayOutputStream();
        pieces.values().forEach(body::writeBytes);
        byte[] whole = body.toByteArray();
        int serial = RtuFrames.ascii(packet) ? Integer.parseInt(new String(whole, 0, 4, StandardCharsets.US_ASCII), 16)
                : ((whole[0] & 0xFF) << 8) | (whole[1] & 0xFF);
        received.add(new Received(function, serial, packet, whole, countAndNumber[0]));
        s.getOutputStream().write(downFrame(encoding, station(packet), password(packet), function, serial,
                LocalDateTime.of(2026, 7, 18, 9, 0), 0x06, ""));
    }

    /** Sends the connected station a request ({@code 0x37} real-time query, {@code 0x4A} clock set ...). */
    public void request(String station, int password, int function, int serial, LocalDateTime time)
            throws IOException {
        send(downFrame(encoding, station, password, function, serial, time, 0x05, ""));
    }

    /**
     * Sends the connected station a period query (38H) for one element. HEX: start and end as 4 BCD bytes, the
     * time step code 04 18 with days, hours and minutes as 3 BCD bytes, the element's identifier and a data
     * definition byte (4 bytes, 0 decimals: the station answers in its own format). ASCII: the same as
     * blank-separated text, the step as DRN (minutes), DRH (hours) or DRD (days) and two digits.
     *
     * @param start       YYMMDDhh, sent as given (a test may send an impossible one)
     * @param end         YYMMDDhh
     * @param stepMinutes the time step
     * @param element     the element identifier (HEX)
     * @param mnemonic    the element's mnemonic (ASCII)
     */
    public void queryPeriod(String station, int password, int serial, LocalDateTime time, String start, String end,
                            int stepMinutes, int element, String mnemonic) throws IOException {
        String tail;
        if (encoding == Encoding.HEX) {
            tail = String.format(Locale.ROOT, "%s%s0418%02d%02d%02d%02X20", start, end, stepMinutes / 1440,
                    stepMinutes % 1440 / 60, stepMinutes % 60, element);
        } else if (stepMinutes % 1440 == 0) {
            tail = String.format(Locale.ROOT, " %s %s DRD%02d %s", start, end, stepMinutes / 1440, mnemonic);
        } else if (stepMinutes % 60 == 0) {
            tail = String.format(Locale.ROOT, " %s %s DRH%02d %s", start, end, stepMinutes / 60, mnemonic);
        } else {
            tail = String.format(Locale.ROOT, " %s %s DRN%02d %s", start, end, stepMinutes, mnemonic);
        }
        send(downFrame(encoding, station, password, 0x38, serial, time, 0x05, tail));
    }

    /**
     * Sends the connected station a query of specified elements (3AH): HEX each identifier with a data definition
     * byte (4 bytes, 0 decimals: the station answers in its own format), ASCII the mnemonics.
     *
     * @param elements identifier to mnemonic, in the order asked
     */
    public void queryElements(String station, int password, int serial, LocalDateTime time,
                              Map<Integer, String> elements) throws IOException {
        var tail = new StringBuilder();
        elements.forEach((id, mnemonic) -> tail.append(encoding == Encoding.HEX
                ? String.format(Locale.ROOT, "%02X20", id) : " " + mnemonic));
        send(downFrame(encoding, station, password, 0x3A, serial, time, 0x05, tail.toString()));
    }

    private void send(byte[] frame) throws IOException {
        Socket s = current;
        if (s == null) {
            throw new IOException("no station connected");
        }
        OutputStream out = s.getOutputStream();
        out.write(frame);
    }

    private static String station(byte[] up) {
        return RtuFrames.ascii(up) ? new String(up, 3, 10, StandardCharsets.US_ASCII)
                : String.format("%02X%02X%02X%02X%02X", up[3], up[4], up[5], up[6], up[7]);
    }

    private static int password(byte[] up) {
        return RtuFrames.ascii(up) ? Integer.parseInt(new String(up, 13, 4, StandardCharsets.US_ASCII), 16)
                : ((up[8] & 0xFF) << 8) | (up[9] & 0xFF);
    }

    /**
     * A down frame (station address first, then the centre's) whose body is a serial number and a time, then
     * {@code tail}: HEX as hexadecimal digits of the bytes, ASCII as the text.
     */
    private byte[] downFrame(Encoding encoding, String station, int password, int function, int serial,
                             LocalDateTime time, int end, String tail) {
        var out = new ByteArrayOutputStream();
        if (encoding == Encoding.HEX) {
            byte[] rest = RtuFrames.bcd(tail);
            byte[] body = new byte[8 + rest.length];
            body[0] = (byte) (serial >> 8);
            body[1] = (byte) serial;
            System.arraycopy(RtuFrames.time(time), 0, body, 2, 6);
            System.arraycopy(rest, 0, body, 8, rest.length);
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
        } else {
            String body = String.format(Locale.ROOT, "%04X%02d%02d%02d%02d%02d%02d", serial, time.getYear() - 2000,
                    time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond())
                    + tail;
            out.write(0x01);
            RtuFrames.text(out, String.format(Locale.ROOT, "%s%02X%04X%02X%04X", station, address, password,
                    function, 0x8000 | body.length()));
            out.write(0x02);
            RtuFrames.text(out, body);
        }
        out.write(end);
        int crc = RtuFrames.crc(out.toByteArray());
        if (encoding == Encoding.HEX) {
            out.write(crc >> 8);
            out.write(crc & 0xFF);
        } else {
            RtuFrames.text(out, String.format(Locale.ROOT, "%04X", crc));
        }
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
