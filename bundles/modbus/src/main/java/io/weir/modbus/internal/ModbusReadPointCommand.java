package io.weir.modbus.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.DeviceProfiles;
import io.weir.api.profile.Point;

/**
 * {@code modbus-read-point}: reads one point of a profile once and answers its value as the gateway would publish
 * it, with the registers it came from. Of a configured device ({@code device=<id> point=<name>}), or of a device not
 * in the site file yet ({@code profile=<id> link=... unit=<id> point=<name>}), to check a profile against the meter
 * before saving the site file. Runs ahead of the polls waiting on the link.
 */
@Component(service = io.weir.api.command.CommandHandler.class,
        property = io.weir.api.command.CommandHandler.NAME + "=modbus-read-point")
public final class ModbusReadPointCommand implements io.weir.api.command.CommandHandler {

    private final ModbusRegistry registry;
    private final Endpoints endpoints;
    private final ObjectMapper json = new ObjectMapper();
    private volatile DeviceProfiles profiles;

    @Activate
    public ModbusReadPointCommand(@Reference ModbusRegistry registry, @Reference Endpoints endpoints) {
        this.registry = registry;
        this.endpoints = endpoints;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetProfiles")
    void setProfiles(DeviceProfiles profiles) {
        this.profiles = profiles;
    }

    void unsetProfiles(DeviceProfiles gone) {
        if (profiles == gone) {
            profiles = null;
        }
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        String pointName = args.get("point");
        if (pointName == null || pointName.isBlank()) {
            throw new IllegalArgumentException("argument 'point' is missing: a point name of the profile");
        }
        try (CommissioningTarget target = CommissioningTarget.of(args, registry, endpoints)) {
            DeviceProfile profile = profile(args, target);
            CommissioningTarget named = target.numberedFrom(profile.firstRegister());
            Point point = profile.points().stream().filter(p -> p.name().equals(pointName.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("profile " + profile.id() + " has no point '"
                            + pointName + "'; its points: " + profile.points().stream().map(Point::name).toList()));
            ReadResult result = named.call(link -> switch (point.function()) {
                case 1 -> link.readCoils(named.unitId(), point.address(), 1);
                case 2 -> link.readDiscreteInputs(named.unitId(), point.address(), 1);
                case 3 -> link.readHoldingRegisters(named.unitId(), point.address(), point.span());
                default -> link.readInputRegisters(named.unitId(), point.address(), point.span());
            });
            var answer = new LinkedHashMap<String, Object>();
            answer.put("link", named.endpoint().name());
            if (named.device() != null) {
                answer.put("device", named.device());
            }
            answer.put("unit", named.unitId());
            answer.put("profile", profile.id());
            answer.put("point", point.name());
            answer.put("function", point.function());
            answer.put("register", named.names().range(point.address(), point.end() - 1));
            answer.put("type", point.type().name().toLowerCase(java.util.Locale.ROOT));
            answer.put("wordOrder", point.wordOrder().name());
            Map<String, Object> failure = CommissioningTarget.failure(result);
            if (failure != null) {
                answer.putAll(failure);
                answer.put("quality", Quality.BAD.name());
                return json.writeValueAsString(answer);
            }
            answer.put("outcome", "answered");
            Reading reading = reading(point, result);
            if (result instanceof ReadResult.Registers registers) {
                var words = new ArrayList<String>();
                for (int word : registers.values()) {
                    words.add(String.format("0x%04X", word & 0xFFFF));
                }
                answer.put("words", words);
            }
            answer.put("value", reading.rounded());
            if (reading.decimals() != null) {
                answer.put("decimals", reading.decimals());
            }
            answer.put("unitOfMeasure", point.unit());
            answer.put("quality", reading.quality().name());
            if (reading.reason() != null) {
                answer.put("reason", reading.reason().name());
            }
            return json.writeValueAsString(answer);
        }
    }

    /** The configured device's profile, or the one {@code profile=<id>} names from the profile directory. */
    private DeviceProfile profile(Map<String, String> args, CommissioningTarget target) {
        String id = args.get("profile");
        if (id == null || id.isBlank()) {
            if (target.profile() != null) {
                return target.profile();
            }
            throw new IllegalArgumentException(target.device() == null
                    ? "argument 'profile' is missing: the profile id of the device to read"
                    : "device " + target.device() + " has an unusable profile; see the gateway log");
        }
        DeviceProfiles directory = profiles;
        if (directory == null) {
            throw new IllegalStateException("the profile directory is not available (the site bundle is not"
                    + " running)");
        }
        return directory.profile(id);
    }

    /** The value as a poll would have read it. */
    private static Reading reading(Point point, ReadResult result) {
        Instant now = Instant.now();
        if (result instanceof ReadResult.Bits bits && bits.values().length > 0) {
            return new Reading(point.name(), now, bits.values()[0], point.unit(), Quality.GOOD, null);
        }
        var registers = (ReadResult.Registers) result;
        if (registers.values().length < point.span()) {
            return Reading.bad(point.name(), now, point.unit(), QualityReason.COMM_ERROR);
        }
        Object value = Decoder.value(point, registers.values(), 0);
        return value instanceof Double d && !Double.isFinite(d)
                ? Reading.bad(point.name(), now, point.unit(), QualityReason.OUT_OF_RANGE)
                : new Reading(point.name(), now, value, point.unit(), Quality.GOOD, null, point.decimals());
    }
}
