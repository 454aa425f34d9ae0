package io.weir.meterbus.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * One meter's configuration, checked once.
 *
 * @param deviceId      id in the site file
 * @param stationCode   the site's station code
 * @param protocol      DL/T 645 or CJ/T 188
 * @param address       the meter's address digits (12 or 14), as on its nameplate
 * @param meterType     CJ/T 188 meter type byte; 0 for DL/T 645
 * @param host          serial device server host; empty for the gateway's own port
 * @param port          serial device server TCP port
 * @param serial        the gateway's own port; null behind a device server
 * @param pollInterval  between the end of one poll and the start of the next
 * @param timeoutMillis how long to wait for a whole answer
 * @param wakeUpBytes   FE bytes before each request
 */
record MeterOptions(String deviceId, String stationCode, Protocol protocol, String address, int meterType, String host,
                    int port, LineSettings serial, Duration pollInterval, int timeoutMillis, int wakeUpBytes) {

    enum Protocol { DLT645, CJT188 }

    MeterOptions {
        if (deviceId == null || deviceId.isBlank() || stationCode == null || stationCode.isBlank()) {
            throw new IllegalArgumentException("deviceId and stationCode are required");
        }
        var pattern = protocol == Protocol.DLT645 ? Dlt645.ADDRESS : Cjt188.ADDRESS;
        if (address == null || !pattern.matcher(address).matches()) {
            throw new IllegalArgumentException("meter " + deviceId + ": address '" + address + "' is not "
                    + (protocol == Protocol.DLT645 ? 12 : 14) + " digits");
        }
        if (serial == null && (host == null || host.isBlank() || port < 1 || port > 65535)) {
            throw new IllegalArgumentException("meter " + deviceId + ": needs a serial port or a device server"
                    + " host:port");
        }
        if (pollInterval.toMillis() < 100 || timeoutMillis < 50 || wakeUpBytes < 0 || wakeUpBytes > 4) {
            throw new IllegalArgumentException("meter " + deviceId + ": pollInterval >= 100 ms, timeout >= 50 ms,"
                    + " 0..4 wake-up bytes");
        }
    }

    static MeterOptions from(MeterConfig c) {
        Protocol protocol = Protocol.valueOf(c.protocol().strip().toUpperCase(Locale.ROOT));
        LineSettings line = c.serialPort().isBlank() ? null : new LineSettings(c.serialPort(), c.baudRate(),
                c.dataBits(), c.parity(), c.stopBits());
        return new MeterOptions(c.deviceId(), c.stationCode(), protocol, c.address(), c.meterType(), c.host(),
                c.port(), line, Duration.ofMillis(c.pollIntervalMs()), c.timeoutMs(), c.wakeUpBytes());
    }

    /** The line, as messages name it and as meters share it. */
    String link() {
        return serial != null ? "serial://" + serial.port() : "tcp://" + host + ":" + port;
    }
}
