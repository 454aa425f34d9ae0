package io.weir.coap.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import io.weir.testing.TestClock;

/**
 * The first life of a gateway in {@link DeviceStateRestartTest}, in a JVM of its own: a cover reports over DTLS, a
 * command is queued for it, the gateway stops as it does at shutdown, and the JVM ends. Prints {@code heard=<time>}.
 *
 * <p>Arguments: the data directory, the clock's start (epoch seconds), the device's key.
 */
public final class DeviceStateFirstLife {

    private DeviceStateFirstLife() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        var clock = new TestClock(Instant.ofEpochSecond(Long.parseLong(args[1])));
        String key = args[2];
        var registry = new DeviceRegistryComponent(clock, DeviceStateRestartTest.store(data));
        registry.registry().put(Devices.cover("cover-1", key));
        var server = DeviceStateRestartTest.server(data, clock, registry.registry(), new Recorder());
        try (var cover = TestDevice.dtls(server.secureAddress(), "cover-1", key)) {
            if (cover.post(DeviceStateRestartTest.report(1.0)).getCode() != ResponseCode.CHANGED) {
                throw new IllegalStateException("the report was not taken");
            }
        }
        Instant heard = clock.instant();
        registry.handle(Map.of("device", "cover-1", "command", "interval", "value", "21600"));
        // the gateway stops: devices first (their configuration still exists), then the registry
        registry.registry().remove("cover-1", false);
        registry.deactivate();
        server.stop();
        System.out.println("heard=" + heard);
        System.exit(0);
    }
}
