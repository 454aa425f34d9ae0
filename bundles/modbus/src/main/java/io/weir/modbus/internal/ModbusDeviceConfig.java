package io.weir.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One Modbus device, as the site bundle writes it (factory PID {@value ModbusDevice#PID}); see
 * docs/configuration.md. The defaults here are the only ones.
 */
@ObjectClassDefinition(name = "Weir Modbus device",
        description = "A Modbus device (TCP, RTU over TCP, or RTU on a serial port) polled by its device profile")
public @interface ModbusDeviceConfig {

    @AttributeDefinition(name = "Device id", description = "The device's id in the site file; the middle part of"
            + " its channel ids")
    String deviceId();

    @AttributeDefinition(name = "Host", description = "Host name or IP address of the Modbus TCP device or gateway;"
            + " not used for rtu")
    String host() default "";

    @AttributeDefinition(name = "Port", description = "Modbus TCP port", min = "1", max = "65535")
    int port() default 502;

    @AttributeDefinition(name = "Transport", description = "tcp: Modbus TCP (MBAP); rtu-over-tcp: RTU frames with"
            + " CRC through a TCP connection, as serial device servers and 4G DTUs in transparent mode pass them",
            options = {@Option(label = "Modbus TCP", value = "tcp"), @Option(label = "RTU over TCP", value = "rtu-over-tcp"),
                @Option(label = "RTU on a serial port", value = "rtu")})
    String transport() default "tcp";

    @AttributeDefinition(name = "Serial port", description = "For rtu: the port, e.g. /dev/ttyUSB0")
    String serialPort() default "";

    @AttributeDefinition(name = "Baud rate", description = "For rtu")
    int baudRate() default 9600;

    @AttributeDefinition(name = "Data bits", description = "For rtu", options = {@Option(label = "8", value = "8"),
        @Option(label = "7", value = "7")})
    int dataBits() default 8;

    @AttributeDefinition(name = "Parity", description = "For rtu", options = {@Option(label = "none", value = "none"),
        @Option(label = "even", value = "even"), @Option(label = "odd", value = "odd")})
    String parity() default "none";

    @AttributeDefinition(name = "Stop bits", description = "For rtu", options = {@Option(label = "1", value = "1"),
        @Option(label = "2", value = "2")})
    int stopBits() default 1;

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
