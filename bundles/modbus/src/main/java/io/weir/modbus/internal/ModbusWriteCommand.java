package io.weir.modbus.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.CommandHandler;

/**
 * {@code modbus-write}: {@code device=<id> point=<name> value=<engineering value>} writes a point the device's
 * profile marks writable, ahead of the polls on its link, and reads it back. The answer says what happened:
 * {@code verified}, {@code read-back-differs} (with the value read), {@code written-unverified}, {@code refused}
 * (with the Modbus exception's name), {@code timeout}, {@code comm-error}, {@code not-writable} or
 * {@code out-of-range}.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=modbus-write")
public final class ModbusWriteCommand implements CommandHandler {

    // A write waits for the poll on the wire (a few device timeouts at worst), then takes a write and a read-back.
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ModbusRegistry registry;
    private final Duration wait;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ModbusWriteCommand(@Reference ModbusRegistry registry) {
        this(registry, WAIT);
    }

    ModbusWriteCommand(ModbusRegistry registry, Duration wait) {
        this.registry = registry;
        this.wait = wait;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        ModbusDevice device = registry.require(args.get("device"));
        String point = required(args, "point");
        String value = required(args, "value");
        CompletableFuture<WriteOutcome> outcome = device.write(point, value);
        try {
            return json.writeValueAsString(outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new Exception("the write of " + device.deviceId() + "/" + point + " did not finish within "
                    + wait.toSeconds() + " s; it may still happen: check the point's next readings");
        } catch (ExecutionException e) {
            throw new Exception("the write of " + device.deviceId() + "/" + point + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("argument '" + name + "' is missing");
        }
        return value.strip();
    }
}
