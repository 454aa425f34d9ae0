package io.weir.coap.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.CommandHandler;

/**
 * Holds the device registry for the bundle's other components (devices fill it, the server reads it), so the
 * server restarting does not forget queued commands, and a device changing does not restart the server. Each
 * device's last-seen time and queued commands are kept in {@code <weir.data.dir>/coap/devices/}, so a restart of
 * the gateway forgets neither. Also
 * answers the {@code coap-queue} command: {@code device}, {@code command}, {@code value} queue a command for a
 * sleeping device's next report.
 */
@Component(service = {DeviceRegistryComponent.class, CommandHandler.class}, immediate = true,
        property = CommandHandler.NAME + "=" + DeviceRegistryComponent.COMMAND)
public final class DeviceRegistryComponent implements CommandHandler {

    static final String COMMAND = "coap-queue";

    private final DeviceRegistry registry;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public DeviceRegistryComponent(BundleContext context) {
        this(Clock.systemUTC(), new DeviceStateStore(CoapServerComponent.dataDir(context.getProperty("weir.data.dir"))
                .resolve("coap").resolve("devices")));
    }

    /** In memory only: for tests. */
    DeviceRegistryComponent(Clock clock) {
        this(clock, null);
    }

    /** @param store where each device's last-seen time and queued commands survive a restart */
    DeviceRegistryComponent(Clock clock, DeviceStateStore store) {
        this.clock = clock;
        this.registry = new DeviceRegistry(clock, store);
    }

    /** Writes every device's last-seen time before the gateway stops. */
    @Deactivate
    void deactivate() {
        registry.saveDirty();
    }

    DeviceRegistry registry() {
        return registry;
    }

    @Override
    public String handle(Map<String, String> args) throws JsonProcessingException {
        String deviceId = required(args, "device");
        String name = required(args, "command");
        CoapDevice device = registry.byId(deviceId).orElseThrow(() -> new IllegalArgumentException(
                "no CoAP device '" + deviceId + "' (devices: " + registry.devices().stream()
                        .map(CoapDevice::deviceId).sorted().toList() + ")"));
        var command = new DeviceCommand(name, args.getOrDefault("value", ""), clock.instant());
        if (command.name().equals(DeviceCommand.REBASELINE) && device.profile().tiltAngle() == null) {
            throw new IllegalArgumentException("device " + deviceId + " (profile " + device.profile().id()
                    + ") has no tilt angle to re-baseline");
        }
        DeviceState state = registry.state(deviceId).orElseThrow(() -> new IllegalArgumentException(
                "device " + deviceId + " was just removed"));
        state.enqueue(command);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("device", deviceId);
        reply.put("command", command.name());
        reply.put("value", command.value());
        reply.put("queued", state.queued().size());
        reply.put("delivery", "in the answer to the device's next confirmable report");
        return json.writeValueAsString(reply);
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("argument " + name + " is missing");
        }
        return value.strip();
    }
}
