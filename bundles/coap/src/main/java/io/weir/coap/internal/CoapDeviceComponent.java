package io.weir.coap.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.security.SecretFile;

/**
 * One configured CoAP device: puts it in the registry while its configuration exists. A changed configuration
 * (a new key, profile or interval) replaces the entry in place, so the device's queued commands survive; a new key
 * closes the sessions made with the old one.
 */
@Component(configurationPid = CoapDeviceComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = CoapDeviceConfig.class, factory = true)
public final class CoapDeviceComponent {

    static final String PID = "io.weir.coap.device";

    private static final Logger LOG = LoggerFactory.getLogger(CoapDeviceComponent.class);
    // a newer site bundle may add profile fields; an older gateway should go on reading the ones it knows
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DeviceRegistry registry;
    private String deviceId;

    @Activate
    public CoapDeviceComponent(CoapDeviceConfig config,
                               @Reference(name = "registry") DeviceRegistryComponent registry) {
        this.registry = registry.registry();
        apply(config);
    }

    @Modified
    void modified(CoapDeviceConfig config) {
        apply(config);
    }

    private synchronized void apply(CoapDeviceConfig config) {
        CoapDevice device = device(config);
        if (deviceId != null && !deviceId.equals(device.deviceId())) {
            registry.remove(deviceId);
        }
        registry.put(device);
        deviceId = device.deviceId();
        LOG.info("CoAP device {} registered: identity {}, profile {}, reports every {}", device.deviceId(),
                RegistryPskStore.printable(device.identity()), device.profile().id(), device.reportInterval());
    }

    /**
     * A device whose configuration was deleted left the site file: its remembered state goes with it. Stopping for
     * any other reason (the gateway stops, the bundle is updated) keeps it for the next start.
     */
    @Deactivate
    synchronized void deactivate(int reason) {
        if (deviceId != null) {
            boolean forget = reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED;
            registry.remove(deviceId, forget);
            LOG.info("CoAP device {} {}", deviceId, forget ? "removed" : "stopped; its state is kept");
        }
    }

    private static byte[] key(CoapDeviceConfig config) {
        String id = config.deviceId();
        boolean fromFile = config.keyFile() != null && !config.keyFile().isBlank();
        String hex;
        if (fromFile) {
            try {
                byte[] bytes = SecretFile.read(Path.of(config.keyFile().strip()), LOG::warn);
                if (!config.keyHex()) {
                    return bytes;
                }
                hex = new String(bytes, StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("device " + id + ": " + e.getMessage(), e);
            }
        } else {
            hex = config._key() == null ? "" : config._key().strip();
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            // never quote it
            throw new IllegalArgumentException("device " + id + ": " + (fromFile ? config.keyFile() : ".key")
                    + " is not hexadecimal");
        }
    }

    /** @throws IllegalArgumentException naming the device and the field; SCR logs it and the device stays out */
    static CoapDevice device(CoapDeviceConfig config) {
        String id = config.deviceId();
        byte[] key = key(config);
        CoapProfile profile;
        try {
            profile = JSON.readValue(config.profile(), CoapProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("device " + id + ": profile " + config.profileId() + " is unusable: "
                    + e.getOriginalMessage(), e);
        }
        return new CoapDevice(id, config.stationCode(), config.identity(), key, profile,
                Duration.ofSeconds(config.reportIntervalSeconds()));
    }
}
