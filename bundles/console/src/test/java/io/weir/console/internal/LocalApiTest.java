package io.weir.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.QualityReason;
import io.weir.api.Reading;

class LocalApiTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");
    private static final String WHO = "'technician' from 127.0.0.1";
    private static final HealthReport HEALTHY = new HealthReport(3, List.of(), 2, 2, List.of(), List.of(), List.of());

    private final LocalApi api = new LocalApi(() -> HEALTHY);

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void showsTheNewestValueOfEveryChannelWithItsQuality() {
        api.onReadings(List.of(Reading.good("s/radar-1/water_level", T, 3.41, "m"),
                Reading.bad("s/meter-2/voltage", T, "V", QualityReason.COMM_ERROR)));
        api.onReadings(List.of(Reading.good("s/radar-1/water_level", T.minusSeconds(60), 3.10, "m"))); // backlog

        var response = api.handle("GET", "/api/readings", WHO, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo("{\"readings\":["
                + "{\"channel\":\"s/meter-2/voltage\",\"device\":\"meter-2\",\"point\":\"voltage\","
                + "\"ts\":\"2026-11-21T08:00:00Z\",\"unit\":\"V\",\"quality\":\"BAD\",\"reason\":\"COMM_ERROR\"},"
                + "{\"channel\":\"s/radar-1/water_level\",\"device\":\"radar-1\",\"point\":\"water_level\","
                + "\"ts\":\"2026-11-21T08:00:00Z\",\"value\":3.41,\"unit\":\"m\",\"quality\":\"GOOD\"}]}");
    }

    @Test
    void runsACommandWithTheBodysArgumentsAndNamesWhatIsWrong() {
        api.addCommand("modbus-write", args -> {
            if (!args.containsKey("point")) {
                throw new IllegalArgumentException("point is missing");
            }
            return "{\"device\":\"" + args.get("device") + "\",\"verified\":true}";
        });

        assertThat(api.handle("POST", "/api/commands/modbus-write", WHO,
                json("{\"device\":\"pump-1\",\"point\":\"setpoint\",\"value\":2.5}")))
                .isEqualTo(new LocalApi.Response(200,
                        "{\"command\":\"modbus-write\",\"ok\":true,\"result\":{\"device\":\"pump-1\",\"verified\":true}}"));
        assertThat(api.handle("POST", "/api/commands/modbus-write", WHO, json("{\"device\":\"pump-1\"}")))
                .isEqualTo(new LocalApi.Response(400, "{\"ok\":false,\"error\":\"bad request: point is missing\"}"));
        assertThat(api.handle("POST", "/api/commands/modbus-write", WHO, json("[1,2]")).json())
                .contains("the body must be a JSON object of scalar arguments");
        assertThat(api.handle("POST", "/api/commands/reboot", WHO, json("{}")))
                .isEqualTo(new LocalApi.Response(404,
                        "{\"ok\":false,\"error\":\"unknown command 'reboot'; known: modbus-write, ping\"}"));
        assertThat(api.handle("GET", "/api/commands/modbus-write", WHO, null).status()).isEqualTo(405);
    }

    @Test
    void gathersEveryStatusPartAndShowsABrokenOneAsUnavailable() {
        api.addStatus("modbus", () -> "{\"pump-1\":{\"timeouts\":2}}");
        api.addStatus("coap", () -> "oops");

        assertThat(api.handle("GET", "/api/status", WHO, null).json()).isEqualTo(
                "{\"coap\":{\"error\":\"status unavailable\"},\"modbus\":{\"pump-1\":{\"timeouts\":2}}}");
        assertThat(api.handle("GET", "/api/health", WHO, null).json()).startsWith("{\"healthy\":true,");
    }
}
