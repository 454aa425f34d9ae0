package io.weir.modbus.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.CommandHandler;
import io.weir.api.profile.DeviceProfile;

/**
 * {@code modbus-read}: reads registers or bits once and answers them raw, with every register's decodings in every
 * type and word order side by side (see {@link RawDecodings}). Which unit: {@code device=<id>} (its link, unit id
 * and numbering), or {@code link=... unit=<id>} on any link. What: {@code function} (1..4, default 3),
 * {@code address} (decimal or 0x hex), {@code numbering} ({@code zero-based} or {@code one-based}: how
 * {@code address} is written, default the device's profile's, else zero-based), {@code count} (default 4; up to
 * 125 registers or 2000 bits). Runs ahead of the polls waiting on the link.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=modbus-read")
public final class ModbusReadCommand implements CommandHandler {

    private final ModbusRegistry registry;
    private final Endpoints endpoints;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ModbusReadCommand(@Reference ModbusRegistry registry, @Reference Endpoints endpoints) {
        this.registry = registry;
        this.endpoints = endpoints;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        int function = LinkArgs.integer(args, "function", 3, 1, 4);
        boolean bits = function <= 2;
        int count = LinkArgs.integer(args, "count", 4, 1, bits ? DeviceProfile.MODBUS_MAX_BITS
                : DeviceProfile.MODBUS_MAX_REGISTERS);
        if (args.get("address") == null || args.get("address").isBlank()) {
            throw new IllegalArgumentException("argument 'address' is missing: the first register, as the manual"
                    + " numbers it (numbering=one-based) or zero-based");
        }
        try (CommissioningTarget target = CommissioningTarget.of(args, registry, endpoints)) {
            int first = numbering(args.get("numbering"), target.names().first());
            CommissioningTarget named = target.numberedFrom(first);
            int address = LinkArgs.integer(args, "address", 0, first, 65535 + first) - first;
            if (address + count > 65536) {
                throw new IllegalArgumentException(count + " registers from " + named.names().one(address)
                        + " run past the last register");
            }
            long start = System.nanoTime();
            ReadResult result = named.call(link -> switch (function) {
                case 1 -> link.readCoils(named.unitId(), address, count);
                case 2 -> link.readDiscreteInputs(named.unitId(), address, count);
                case 3 -> link.readHoldingRegisters(named.unitId(), address, count);
                default -> link.readInputRegisters(named.unitId(), address, count);
            });
            var answer = new LinkedHashMap<String, Object>();
            answer.put("link", named.endpoint().name());
            if (named.device() != null) {
                answer.put("device", named.device());
            }
            answer.put("unit", named.unitId());
            answer.put("function", function);
            answer.put("address", address);
            answer.put("register", named.names().one(address));
            answer.put("numbering", first == 0 ? "zero-based" : "one-based");
            answer.put("count", count);
            answer.put("elapsedMs", (System.nanoTime() - start) / 1_000_000);
            Map<String, Object> failure = CommissioningTarget.failure(result);
            if (failure != null) {
                answer.putAll(failure);
            } else if (result instanceof ReadResult.Registers registers) {
                answer.put("outcome", "answered");
                answer.putAll(RawDecodings.of(registers.values(), function, address, named.names()));
            } else if (result instanceof ReadResult.Bits read) {
                answer.put("outcome", "answered");
                answer.putAll(RawDecodings.bits(read.values(), address, named.names()));
            }
            return json.writeValueAsString(answer);
        }
    }

    /** How the address is written: as asked, else as the device's profile numbers registers. */
    private static int numbering(String text, int otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "zero-based", "0" -> 0;
            case "one-based", "1" -> 1;
            default -> throw new IllegalArgumentException("numbering '" + text + "' is not zero-based or one-based");
        };
    }
}
