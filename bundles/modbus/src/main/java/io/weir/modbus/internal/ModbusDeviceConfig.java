package io.weir.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One Modbus TCP device, as the site bundle writes it (factory PID {@value ModbusDevice#PID}); see
 * docs/configuration.md. The defaults here are the only ones.
 */
@ObjectClassDefinition(name = "Weir Modbus TCP device",
        description = "A Modbus TCP device polled by its device profile")
public @interface ModbusDeviceConfig {

    @AttributeDefinition(name = "Device id", description = "The device's id in the site file; the middle part of"
            + " its channel ids")
    String deviceId();

    @AttributeDefinition(name = "Host", description = "Host name or IP address of the Modbus TCP device or gateway")
    String host();

    @AttributeDefinition(name = "Port", description = "Modbus TCP port", min = "1", max = "65535")
    int port() default 502;

    @AttributeDefinition(name = "Transport", description = "tcp: Modbus TCP (MBAP); rtu-over-tcp: RTU frames with"
            + " CRC through a TCP connection, as serial device servers and 4G DTUs in transparent mode pass them",
            options = {@Option(label = "Modbus TCP", value = "tcp"), @Option(label = "RTU over TCP", value = "rtu-over-tcp")})
    String transport() default "tcp";

    @AttributeDefinition(name = "Unit id", description = "Modbus unit (slave) id", min = "0", max = "255")
    int unitId() default 1;

    @AttributeDefinition(name = "Poll interval (ms)", description = "Time between the end of one poll and the start"
            + " of the next", min = "100")
    long pollIntervalMs() default 5000;

    @AttributeDefinition(name = "Station code", description = "The site's station code; the first part of channel"
            + " ids")
    String stationCode();

    @AttributeDefinition(name = "Profile id", description = "Id of the device profile, for messages")
    String profileId();

    @AttributeDefinition(name = "Profile", description = "The device profile as JSON (io.weir.api.profile"
            + ".DeviceProfile, zero-based addresses)")
    String profile();
}
