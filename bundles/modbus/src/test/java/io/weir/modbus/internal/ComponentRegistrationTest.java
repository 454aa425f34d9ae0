package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commands and the status are found by the uplink and the console on the service registry: the component
 * descriptions bnd generates must offer the right service under the right name.
 */
class ComponentRegistrationTest {

    @ParameterizedTest
    @CsvSource({
        "ModbusWriteCommand, io.weir.api.command.CommandHandler, weir.command.name, modbus-write",
        "ModbusDiagnosticsCommand, io.weir.api.command.CommandHandler, weir.command.name, modbus-diagnostics",
        "ModbusScanCommand, io.weir.api.command.CommandHandler, weir.command.name, modbus-scan",
        "ModbusStatus, io.weir.api.command.StatusProvider, weir.status.name, modbus"})
    void eachServiceIsRegisteredUnderItsName(String component, String service, String property, String name)
            throws IOException {
        String xml = descriptor("io.weir.modbus.internal." + component);

        assertThat(xml).contains("<provide interface=\"" + service + "\"/>")
                .contains("<property name=\"" + property + "\" type=\"String\" value=\"" + name + "\"/>");
    }

    private static String descriptor(String component) throws IOException {
        try (InputStream in = ComponentRegistrationTest.class.getClassLoader()
                .getResourceAsStream("OSGI-INF/" + component + ".xml")) {
            assertThat(in).as("OSGI-INF/%s.xml (bnd-maven-plugin generates it before the tests)", component)
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
