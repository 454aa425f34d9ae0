package io.weir.coap.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One CoAP device, as the site bundle writes it (factory PID {@value CoapDeviceComponent#PID}); see
 * docs/configuration.md.
 */
@ObjectClassDefinition(name = "Weir CoAP device",
        description = "A device that reports SenML over CoAP/DTLS with its own pre-shared key")
public @interface CoapDeviceConfig {

    @AttributeDefinition(name = "Device id", description = "The device's id in the site file; the middle part of"
            + " its channel ids")
    String deviceId();

    @AttributeDefinition(name = "Station code", description = "The site's station code; the first part of channel"
            + " ids")
    String stationCode();

    @AttributeDefinition(name = "PSK identity", description = "The identity the device sends in its DTLS handshake")
    String identity();

    @AttributeDefinition(name = "Key file", description = "File holding the device's pre-shared key (8 to 64 bytes),"
            + " readable by the runtime user only; the key never goes into the configuration itself")
    String keyFile() default "";

    @AttributeDefinition(name = "Key file holds hex", description = "Whether the key file holds the key as"
            + " hexadecimal rather than as text")
    boolean keyHex() default false;

    /** Property {@code .key}, for a configuration made by hand without a key file; the site bundle never sets it. */
    @AttributeDefinition(name = "Pre-shared key (hex)", type = AttributeType.PASSWORD,
            description = "8 to 64 bytes, as hexadecimal; used only when no key file is given")
    String _key() default "";

    @AttributeDefinition(name = "Report interval (s)", description = "How often the device reports at the least;"
            + " silence for this times the server's staleAfterIntervals flags it", min = "1")
    long reportIntervalSeconds() default 3600;

    @AttributeDefinition(name = "Profile id", description = "Id of the CoAP profile, for messages")
    String profileId();

    @AttributeDefinition(name = "Profile", description = "The CoAP profile as JSON: points mapping SenML records to"
            + " channels")
    String profile();
}
