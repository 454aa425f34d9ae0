package io.weir.modbus.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices running now, by id: where the write, diagnostics and scan commands and the status find them. A
 * device adds itself when it starts polling and removes itself when it stops.
 */
@Component(service = ModbusRegistry.class)
public final class ModbusRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusRegistry.class);

    private final Map<String, ModbusDevice> devices = new TreeMap<>();

    synchronized void add(ModbusDevice device) {
        ModbusDevice earlier = devices.putIfAbsent(device.deviceId(), device);
        if (earlier != null && earlier != device) {
            LOG.error("two modbus devices are configured with id {}; commands reach the first one only",
                    device.deviceId());
        }
    }

    synchronized void remove(ModbusDevice device) {
        devices.remove(device.deviceId(), device);
    }

    /** The device with this id. */
    synchronized Optional<ModbusDevice> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** The device with this id, or an error that names the ones there are. */
    synchronized ModbusDevice require(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("argument 'device' is missing; devices: " + devices.keySet());
        }
        ModbusDevice device = devices.get(id.strip());
        if (device == null) {
            throw new IllegalArgumentException("no modbus device '" + id + "'; devices: " + devices.keySet());
        }
        return device;
    }

    /** Every running device, by id. */
    synchronized Collection<ModbusDevice> devices() {
        return List.copyOf(devices.values());
    }
}
