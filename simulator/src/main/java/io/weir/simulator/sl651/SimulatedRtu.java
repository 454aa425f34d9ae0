package io.weir.simulator.sl651;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.LocalDateTime;

import io.weir.simulator.sl651.RtuFrames.Encoding;

/**
 * A hydrological RTU (遥测终端机) that reports to a centre over TCP under SL 651-2014: keep-alive, timed and hourly
 * reports, each waiting for the centre's acknowledgement (same function code and serial number, end marker ESC or
 * EOT). Not thread-safe: one RTU, one conversation at a time, as on a real link.
 */
public final class SimulatedRtu implements AutoCloseable {

    public static final int KEEP_ALIVE = 0x2F;
    public static final int TIMED = 0x32;
    public static final int HOURLY = 0x34;
    /** Station type of a rain station (P). */
    public static final int RAIN_STATION = 0x50;

    private final String station;
    private final int password;
    private final int centre;
    private final Encoding encoding;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int serial;

    public SimulatedRtu(String host, int port, String station, int password, int centre, Encoding encoding)
            throws IOException {
        this.station = station;
        this.password = password;
        this.centre = centre;
        this.encoding = encoding;
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public String station() {
        return station;
    }

    /** The next serial number (1..65535, then 1 again). */
    public int nextSerial() {
        serial = serial % 65535 + 1;
        return serial;
    }

    public byte[] keepAlive(LocalDateTime now) throws IOException {
        var body = new RtuReport(encoding, nextSerial(), now, null, 0, null).body();
        sendRaw(RtuFrames.frame(encoding, centre, station, password, KEEP_ALIVE, body, RtuFrames.ETX));
        return null; // the standard's keep-alive has no answer
    }

    /** A timed report: the 5 minutes' rain, the cumulative rain, and the river level when there is one. */
    public byte[] timed(LocalDateTime observed, double rain5min, double rainTotal, Double level, double voltage,
                        Duration wait) throws IOException {
        var report = new RtuReport(encoding, nextSerial(), observed.plusSeconds(5), station, RAIN_STATION, observed)
                .element(0x22, "PN05", rain5min, 3, 1)
                .element(0x26, "PT", rainTotal, 3, 1);
        if (level != null) {
            report.element(0x39, "Z", level, 4, 3);
        }
        report.element(0x38, "VT", voltage, 2, 2);
        return exchange(TIMED, report.body(), wait);
    }

    /** An hourly report: the hour's twelve 5-minute rain amounts ending at {@code hourEnd}, and the cumulative rain. */
    public byte[] hourly(LocalDateTime hourEnd, Double[] rain5min, double rainTotal, Duration wait) throws IOException {
        var report = new RtuReport(encoding, nextSerial(), hourEnd.plusSeconds(8), station, RAIN_STATION, hourEnd)
                .rainSeries(rain5min)
                .element(0x26, "PT", rainTotal, 3, 1);
        return exchange(HOURLY, report.body(), wait);
    }

    /** Sends a report body and waits for the centre's answer; null when none came within {@code wait}. */
    public byte[] exchange(int function, byte[] body, Duration wait) throws IOException {
        sendRaw(RtuFrames.frame(encoding, centre, station, password, function, body, RtuFrames.ETX));
        return awaitReply(wait);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The centre's next frame, checked (CRC, direction, this station), or null when none came in time. */
    public byte[] awaitReply(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            byte[] frame = RtuFrames.read(new DataInputStream(in));
            if (!RtuFrames.crcHolds(frame)) {
                throw new IOException("the centre's answer has a bad CRC");
            }
            if (!RtuFrames.ascii(frame) && (frame[11] & 0xF0) != 0x80) {
                throw new IOException("the centre's answer is not a down frame");
            }
            return frame;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** The end marker of a centre's HEX or ASCII answer. */
    public static int endMarker(byte[] reply) {
        return reply[reply.length - (reply[0] == 0x7E ? 3 : 5)] & 0xFF;
    }

    /** The serial number a centre's HEX answer carries. */
    public static int serialOf(byte[] reply) {
        return ((reply[14] & 0xFF) << 8) | (reply[15] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
