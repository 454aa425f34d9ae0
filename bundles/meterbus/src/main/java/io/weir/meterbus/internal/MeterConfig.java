package io.weir.meterbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One meter, as the site bundle writes it from the {@code meters} section (factory PID {@value MeterComponent#PID}). */
@ObjectClassDefinition(name = "Weir meter", description = "A DL/T 645-2007 or CJ/T 188-2004 meter on an RS-485 line")
public @interface MeterConfig {

    String deviceId();

    String stationCode();

    @AttributeDefinition(description = "DLT645 or CJT188")
    String protocol();

    @AttributeDefinition(description = "The meter's address digits as on its nameplate (12 for DL/T 645, 14 for"
            + " CJ/T 188)")
    String address();

    @AttributeDefinition(description = "CJ/T 188 meter type (16 = 10H cold water, 17 hot water, 32 = 20H heat,"
            + " 33 = 21H cooling, 48 = 30H gas)")
    int meterType() default 0x10;

    @AttributeDefinition(description = "Serial device server host; empty when the meter is on the gateway's own port")
    String host() default "";

    int port() default 0;

    @AttributeDefinition(description = "The gateway's own serial port, e.g. /dev/ttyUSB1")
    String serialPort() default "";

    int baudRate() default 2400;

    int dataBits() default 8;

    String parity() default "even";

    int stopBits() default 1;

    long pollIntervalMs() default 60000;

    @AttributeDefinition(description = "How long to wait for a whole answer")
    int timeoutMs() default 1000;

    @AttributeDefinition(description = "FE wake-up bytes before each request", min = "0", max = "4")
    int wakeUpBytes() default 4;

    String profileId();

    @AttributeDefinition(description = "The meter profile as JSON")
    String profile();
}
