package io.weir.modbus.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.weir.api.profile.DeviceProfile;

/**
 * Where a technician's one-off request goes: a configured device ({@code device=<id>}: its link, unit id and
 * profile), or any unit on any link ({@code link=...} with {@code unit=<id>}, see {@link LinkArgs}). The request
 * runs on the link's endpoint ahead of the polls waiting there, so a shared bus never sees two requests at once.
 *
 * @param endpoint the link's endpoint
 * @param borrowed whether the endpoint was borrowed for the request (and is given back by {@link #close})
 * @param unitId   the unit asked
 * @param device   the configured device's id, or null
 * @param profile  the device's profile, or null
 * @param names    how messages number registers: as the device's profile does, else as asked
 * @param timeoutMillis how long the unit is given to answer
 */
record CommissioningTarget(Endpoint endpoint, boolean borrowed, int unitId, String device, DeviceProfile profile,
                           RegisterNames names, int timeoutMillis, Endpoints endpoints) implements AutoCloseable {

    static final int DEFAULT_TIMEOUT_MS = 1000;
    /** A request waits for the poll on the wire (a few device timeouts at worst), then takes its own. */
    static final Duration WAIT = Duration.ofSeconds(60);

    static CommissioningTarget of(Map<String, String> args, ModbusRegistry registry, Endpoints endpoints) {
        String deviceId = args.get("device");
        if (deviceId != null && !deviceId.isBlank()) {
            ModbusDevice device = registry.require(deviceId);
            DeviceProfile profile = device.profile().orElse(null);
            int timeout = LinkArgs.integer(args, "timeoutMs", profile == null ? DEFAULT_TIMEOUT_MS
                    : profile.timeoutMillis(), 1, 60_000);
            return new CommissioningTarget(device.endpoint(), false, device.unitId(), device.deviceId(), profile,
                    new RegisterNames(profile == null ? 0 : profile.firstRegister()), timeout, endpoints);
        }
        if (args.get("unit") == null) {
            throw new IllegalArgumentException("say which unit: device=<id> of the site file, or link=... with"
                    + " unit=<1..247>");
        }
        int unit = LinkArgs.integer(args, "unit", 1, 0, 255);
        LinkSpec spec = LinkArgs.spec(args, endpoints);
        int timeout = LinkArgs.integer(args, "timeoutMs", DEFAULT_TIMEOUT_MS, 1, 60_000);
        return new CommissioningTarget(endpoints.borrow(spec), true, unit, null, null, RegisterNames.ZERO_BASED,
                timeout, endpoints);
    }

    /** The same target with registers numbered {@code first}-based in what it answers. */
    CommissioningTarget numberedFrom(int first) {
        return new CommissioningTarget(endpoint, borrowed, unitId, device, profile, new RegisterNames(first),
                timeoutMillis, endpoints);
    }

    /** Runs {@code request} on the link ahead of the polls and waits for its outcome. */
    ReadResult call(Function<ModbusTransport, ReadResult> request) throws Exception {
        ModbusTransport view = endpoint.transport().withTimeout(timeoutMillis);
        var outcome = endpoint.callFirst(() -> request.apply(view));
        try {
            return outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Exception("the request on " + endpoint + " did not finish within " + WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Exception("the request on " + endpoint + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** What went wrong, for the answer: {@code {"outcome":"timeout","detail":..}} and the like; null when answered. */
    static Map<String, Object> failure(ReadResult result) {
        if (result instanceof ReadResult.DeviceException e) {
            return Map.of("outcome", "exception", "exception", e.name(), "code", e.code());
        }
        if (result instanceof ReadResult.CommFailure f) {
            String outcome = switch (f.kind()) {
                case TIMEOUT -> "timeout";
                case FRAMING -> "garbled";
                case IO -> "link-failed";
            };
            return Map.of("outcome", outcome, "detail", String.valueOf(f.detail()));
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        if (borrowed) {
            endpoints.release(endpoint);
        }
    }
}
