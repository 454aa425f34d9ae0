package io.weir.clock.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.TimeInfo;

/**
 * Asks an NTP server (the station's, or a public pool) for the time and compares: within {@code maxOffset} the
 * clock is synchronised, whatever disciplines it. Works where no NTP client reports its state (BusyBox, Kura on a
 * bare image).
 */
final class NtpProbe implements SyncProbe {

    private final String host;
    private final int port;
    private final Duration maxOffset;
    private final Duration timeout;

    NtpProbe(String host, int port, Duration maxOffset, Duration timeout) {
        this.host = host;
        this.port = port;
        this.maxOffset = maxOffset;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "ntp";
    }

    @Override
    public Answer ask() {
        var client = new NTPUDPClient();
        client.setDefaultTimeout(timeout);
        try {
            client.open();
            TimeInfo info = client.getTime(InetAddress.getByName(host), port);
            info.computeDetails();
            Long offset = info.getOffset();
            if (offset == null) {
                return new Answer(Verdict.UNAVAILABLE, "NTP server " + host + " sent an answer without a time");
            }
            String against = "offset " + describe(offset) + " from NTP server " + host;
            return Math.abs(offset) <= maxOffset.toMillis()
                    ? new Answer(Verdict.SYNCHRONISED, against)
                    : new Answer(Verdict.UNSYNCHRONISED, against + ", more than " + maxOffset.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            return new Answer(Verdict.UNAVAILABLE, "NTP server " + host + ":" + port + " did not answer: " + e);
        } finally {
            client.close();
        }
    }

    /** The offset as a technician reads it: positive means the gateway's clock is behind the server's. */
    static String describe(long offsetMillis) {
        long abs = Math.abs(offsetMillis);
        String size = abs < 10_000 ? abs + " ms"
                : Duration.ofSeconds(Math.round(abs / 1000.0)).toString().substring(2).toLowerCase();
        return (offsetMillis >= 0 ? "+" : "-") + size;
    }
}
