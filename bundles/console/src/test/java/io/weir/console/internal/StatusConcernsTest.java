package io.weir.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Status parts as their bundles write them (site, modbus, store) turned into a technician's reasons. */
class StatusConcernsTest {

    private static final String IN_FORCE = "{\"file\":\"/etc/weir/site.yaml\",\"sha256\":\"ab12\","
            + "\"appliedAt\":\"2026-12-01T08:00:00Z\"}";
    private final StatusConcerns concerns = new StatusConcerns(3);

    @Test
    void aHealthyFieldHasNoConcerns() {
        var parts = parts(Map.of("site", "{\"state\":\"in-force\",\"inForce\":" + IN_FORCE + ",\"rejected\":null}",
                "modbus", modbus(0), "store", "{\"nearCap\":false}"));
        assertThat(concerns.of(parts)).isEmpty();
        assertThat(concerns.configured(parts)).isTrue();
    }

    @Test
    void aRejectedSiteFileIsNamedWithItsFirstProblemAndWhatRunsInstead() {
        var parts = parts(Map.of("site", "{\"state\":\"rejected\",\"inForce\":" + IN_FORCE + ",\"rejected\":"
                + "{\"file\":\"/etc/weir/site.yaml\",\"problems\":[{\"file\":\"site.yaml\",\"line\":14,"
                + "\"field\":\"devices[1].unitId\",\"message\":\"300 is outside 1..247\"},{\"file\":\"x\",\"line\":1,"
                + "\"field\":\"\",\"message\":\"y\"}]}}"));
        assertThat(concerns.of(parts)).containsExactly("site file /etc/weir/site.yaml was rejected (2 problem(s), "
                + "first: site.yaml:14: devices[1].unitId: 300 is outside 1..247); the last good configuration runs "
                + "(/etc/weir/site.yaml, applied 2026-12-01T08:00:00Z)");
    }

    @Test
    void aGatewayWithNoConfigurationSaysNothingIsPolled() {
        var parts = parts(Map.of("site", "{\"state\":\"unconfigured\",\"inForce\":null,\"rejected\":null}"));
        assertThat(concerns.of(parts)).containsExactly("no site file has been applied; nothing is configured, so "
                + "nothing is polled");
        assertThat(concerns.configured(parts)).isFalse();
    }

    @Test
    void aDeviceSilentForNPollsIsNamedWithItsLastErrorOnOneLine() {
        assertThat(concerns.of(parts(Map.of("modbus", modbus(2))))).isEmpty();
        assertThat(concerns.of(parts(Map.of("modbus", modbus(3))))).containsExactly("device radar-1 (unit 1 on "
                + "tcp://10.0.0.5:502) is not answering (3 or more polls in a row) (last error: TIMEOUT: no answer "
                + "in 500 ms)");
    }

    @Test
    void aStoreNearItsCapIsAConcern() {
        assertThat(concerns.of(parts(Map.of("store", "{\"nearCap\":true}"))))
                .containsExactly("the store is near its cap; the oldest unsent telemetry will be evicted");
        assertThat(concerns.of(parts(Map.of("store", "{\"nearCap\":true,\"nearCapReasons\":[\"telemetry at 91 % of"
                + " its cap\"],\"capacityAlarm\":true,\"capacityAlarms\":[\"store.disk-full\"]}"))))
                .containsExactly("the store raised a capacity alarm (store.disk-full): free space on the data"
                        + " directory's file system or raise the store's caps",
                        "the store is near its cap: telemetry at 91 % of its cap");
    }

    @Test
    void quotesKeepOneLineAndNoStackTrace() {
        assertThat(StatusConcerns.quote("java.lang.IllegalStateException: boom\n\tat a.b.C.d(C.java:1)"))
                .isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(StatusConcerns.quote("x".repeat(500))).hasSize(160);
    }

    @Test
    void anUnreadablePartAddsNothing() {
        assertThat(concerns.of(parts(Map.of("store", "not json")))).isEmpty();
    }

    private static String modbus(int silentPolls) {
        return "{\"endpoints\":[{\"link\":\"tcp://10.0.0.5:502\",\"devices\":[{\"device\":\"radar-1\",\"unitId\":1,"
                + "\"state\":\"failing\",\"silentPolls\":" + silentPolls + ",\"lastError\":{\"at\":\"2026-12-01T08:00:00Z\","
                + "\"error\":\"TIMEOUT: no answer in 500 ms\\n\\tat j2mod\"}}]}]}";
    }

    private static Function<String, Optional<String>> parts(Map<String, String> parts) {
        return name -> Optional.ofNullable(parts.get(name));
    }
}
