package io.weir.modbus.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.CommandHandler;

/**
 * {@code modbus-diagnostics}: every device's transaction counts, errors and latencies by link, or one device's
 * with {@code device=<id>}. Reads counters only; never touches a bus.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=modbus-diagnostics")
public final class ModbusDiagnosticsCommand implements CommandHandler {

    private final ModbusRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ModbusDiagnosticsCommand(@Reference ModbusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        String device = args.get("device");
        if (device != null && !device.isBlank()) {
            return json.writeValueAsString(registry.require(device).diagnostics());
        }
        return json.writeValueAsString(DiagnosticsReport.of(registry));
    }
}
