package io.weir.modbus.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.StatusProvider;

/** The Modbus part of the gateway's state message: every device's diagnostics, by link. Never touches a bus. */
@Component(service = StatusProvider.class, property = StatusProvider.NAME + "=modbus")
public final class ModbusStatus implements StatusProvider {

    private final ModbusRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ModbusStatus(@Reference ModbusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String statusJson() {
        try {
            return json.writeValueAsString(DiagnosticsReport.of(registry));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the modbus status as JSON", e);
        }
    }
}
