package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every running device's diagnostics grouped by link, as the state message and the diagnostics command show them:
 * {@code {"endpoints":[{"link":"tcp://10.0.0.5:502","devices":[{...}]}]}}.
 */
record DiagnosticsReport(List<EndpointReport> endpoints) {

    record EndpointReport(String link, List<DeviceDiagnostics.Snapshot> devices) {
    }

    static DiagnosticsReport of(ModbusRegistry registry) {
        Map<String, List<DeviceDiagnostics.Snapshot>> byLink = new TreeMap<>();
        for (ModbusDevice device : registry.devices()) {
            byLink.computeIfAbsent(device.link(), l -> new ArrayList<>()).add(device.diagnostics());
        }
        return new DiagnosticsReport(byLink.entrySet().stream()
                .map(e -> new EndpointReport(e.getKey(), List.copyOf(e.getValue()))).toList());
    }
}
