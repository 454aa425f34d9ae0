package io.weir.sl651.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The centre's configuration, checked once.
 *
 * @param siteStationCode the gateway's own station code: the first part of every channel
 * @param bindAddress     address to listen on; empty for every interface
 * @param port            TCP port; 0 for any free one
 * @param udpPort         UDP port; -1 for none, 0 for any free one
 * @param zone            the time zone of the stations' clocks (Beijing time)
 * @param ackEnd          end marker of an acknowledgement: ESC (stay on line) or EOT (hang up)
 * @param maxConnections  TCP connections held at once
 * @param idleTimeout     a connection silent this long is closed
 * @param workers         threads handling frames (each may wait on the store's commit)
 */
record CentreOptions(String siteStationCode, String bindAddress, int port, int udpPort, ZoneId zone, int ackEnd,
                     int maxConnections, Duration idleTimeout, int workers) {

    CentreOptions {
        bindAddress = bindAddress == null ? "" : bindAddress.strip();
        if (siteStationCode == null || siteStationCode.isBlank()) {
            throw new IllegalArgumentException("siteStationCode is missing");
        }
        if (port < 0 || port > 65535 || udpPort < -1 || udpPort > 65535) {
            throw new IllegalArgumentException("port " + port + " or udpPort " + udpPort + " is out of range");
        }
        if (ackEnd != Markers.ESC && ackEnd != Markers.EOT) {
            throw new IllegalArgumentException("ackEnd must be ESC or EOT");
        }
        if (maxConnections < 1 || workers < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("maxConnections and workers must be at least 1, idleTimeout positive");
        }
    }

    static CentreOptions from(CentreConfig c) {
        int ackEnd = switch (c.ackEnd().strip().toUpperCase(Locale.ROOT)) {
            case "ESC" -> Markers.ESC;
            case "EOT" -> Markers.EOT;
            default -> throw new IllegalArgumentException("ackEnd '" + c.ackEnd() + "' is not ESC or EOT");
        };
        return new CentreOptions(c.siteStationCode(), c.bindAddress(), c.port(), c.udpPort(), ZoneId.of(c.zone()),
                ackEnd, c.maxConnections(), Duration.ofSeconds(c.idleTimeoutSeconds()), c.workers());
    }
}
