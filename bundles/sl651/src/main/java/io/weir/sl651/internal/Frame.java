package io.weir.sl651.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SL 651-2014 frame, either encoding, either direction.
 *
 * @param encoding     HEX or ASCII
 * @param down         centre to station (true) or station to centre
 * @param centre       the centre's address, 1..255
 * @param station      the station's address: its 10-digit code
 * @param password     the station's password, 0..0xFFFF
 * @param function     the function code
 * @param packetTotal  0 for a single-packet message (STX); else the packet count of a multi-packet one (SYN)
 * @param packetNumber 1-based number of this packet; 0 for a single-packet message, and for the whole of a
 *                     multi-packet message put back together (never sent as such: its body may be up to
 *                     {@code packetTotal} packets long)
 * @param body         what lies between the start marker (and packet count) and the end marker, as sent
 * @param end          the end marker
 */
record Frame(Encoding encoding, boolean down, int centre, String station, int password, int function,
             int packetTotal, int packetNumber, byte[] body, int end) {

    static final Pattern STATION = Pattern.compile("[0-9]{10}");
    static final int MAX_BODY = 0xFFF;

    Frame {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(body, "body");
        if (centre < 0 || centre > 0xFF) {
            throw new IllegalArgumentException("centre address " + centre + " is outside 0..255");
        }
        if (!STATION.matcher(Objects.requireNonNull(station, "station")).matches()) {
            throw new IllegalArgumentException("station address '" + station + "' is not 10 decimal digits");
        }
        if (password < 0 || password > 0xFFFF || function < 0 || function > 0xFF) {
            throw new IllegalArgumentException("password or function code out of range");
        }
        if (packetTotal < 0 || packetTotal > 0xFFF || packetNumber < 0 || packetNumber > packetTotal) {
            throw new IllegalArgumentException("packet " + packetNumber + " of " + packetTotal + " is impossible");
        }
        if (packetNumber == 0 && packetTotal > 0) {
            if (body.length > packetTotal * MAX_BODY) {
                throw new IllegalArgumentException("body of " + body.length + " bytes is longer than " + packetTotal
                        + " packets");
            }
        } else if (body.length + (packetTotal > 0 ? (encoding == Encoding.HEX ? 3 : 6) : 0) > MAX_BODY) {
            throw new IllegalArgumentException("body of " + body.length + " bytes is longer than 4095");
        }
        body = body.clone();
    }

    /** One packet of a multi-packet message, as sent (start marker SYN). */
    boolean multiPacket() {
        return packetNumber > 0;
    }

    /** The whole of a multi-packet message, put back together from its packets. */
    boolean reassembled() {
        return packetTotal > 0 && packetNumber == 0;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && encoding == f.encoding && down == f.down && centre == f.centre
                && station.equals(f.station) && password == f.password && function == f.function
                && packetTotal == f.packetTotal && packetNumber == f.packetNumber && Arrays.equals(body, f.body)
                && end == f.end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoding, down, centre, station, password, function, packetTotal, packetNumber,
                Arrays.hashCode(body), end);
    }

    @Override
    public String toString() {
        return (down ? "down " : "up ") + encoding + " " + FunctionCodes.name(function) + " station " + station
                + " centre " + centre + (multiPacket() ? " packet " + packetNumber + "/" + packetTotal : "")
                + (reassembled() ? " of " + packetTotal + " packets" : "")
                + " body " + body.length + " bytes end " + String.format("%02X", end);
    }
}
