package io.weir.modbus.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * A device's configuration, checked once. Identity and address problems stop the component (there is nothing to
 * name readings after); profile problems do not, they are reported as CONFIG_ERROR readings.
 *
 * @param deviceId     id in the site file
 * @param host         Modbus TCP host
 * @param port         Modbus TCP port
 * @param unitId       Modbus unit id
 * @param pollInterval delay between the end of one poll and the start of the next
 * @param stationCode  the site's station code
 * @param profileId    the profile's id, for messages
 * @param profileJson  the profile as JSON, parsed later
 * @param framing      how frames travel to the device
 * @param serial       the serial line, for RTU on the gateway's own port; null otherwise
 */
record DeviceOptions(String deviceId, String host, int port, int unitId, Duration pollInterval, String stationCode,
                     String profileId, String profileJson, Framing framing, SerialSettings serial) {

    static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

    DeviceOptions {
        deviceId = required(deviceId, "deviceId", deviceId);
        stationCode = required(deviceId, "stationCode", stationCode);
        profileId = profileId == null ? "" : profileId;
        Objects.requireNonNull(framing, "framing");
        if (framing.overTcp()) {
            host = required(deviceId, "host", host);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("device " + deviceId + ": port " + port + " is outside 1..65535");
            }
        } else if (serial == null) {
            throw new IllegalArgumentException("device " + deviceId + ": transport rtu needs a serial line");
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("device " + deviceId + ": unitId " + unitId + " is outside 0..255");
        }
        if (pollInterval == null || pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new IllegalArgumentException("device " + deviceId + ": pollIntervalMs must be at least "
                    + MIN_POLL_INTERVAL.toMillis() + ", was " + (pollInterval == null ? null : pollInterval.toMillis()));
        }
    }

    static DeviceOptions from(ModbusDeviceConfig config) {
        Framing framing = Framing.of(config.deviceId(), config.transport());
        return new DeviceOptions(config.deviceId(), config.host(), config.port(), config.unitId(),
                Duration.ofMillis(config.pollIntervalMs()), config.stationCode(), config.profileId(),
                config.profile(), framing, framing.overTcp() ? null : serial(config));
    }

    private static SerialSettings serial(ModbusDeviceConfig config) {
        try {
            return new SerialSettings(config.serialPort(), config.baudRate(), config.dataBits(), config.parity(),
                    config.stopBits());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device " + config.deviceId() + ": " + e.getMessage(), e);
        }
    }

    /** The device's link, as messages name it. */
    String link() {
        return framing.overTcp() ? framing.configName() + "://" + host + ":" + port : serial.toString();
    }

    DeviceChannels channels() {
        return new DeviceChannels(stationCode, deviceId);
    }

    private static String required(String deviceId, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("device " + deviceId + ": " + name + " is missing");
        }
        return value.strip();
    }
}
