package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.cloud.query.StoredReading;

/**
 * The station pump's DL/T 645 electricity meter and the outflow's CJ/T 188 water meter, behind one simulated
 * serial device server, are read by the gateway runtime and their values reach the cloud.
 */
class MetersReachTheCloudTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void bothMetersValuesReachTheCloud() throws Exception {
        try (Chain chain = Chain.startCloudAndField(ChainFixture.options(work))) {
            chain.startGateway(null);
            await("the meters' values in the cloud").atMost(PATIENCE).until(() -> latest(chain).keySet()
                    .containsAll(java.util.List.of("pump-meter/energy_import_total", "outflow/flow_total")));
            Map<String, Object> latest = latest(chain);
            assertThat(latest).containsEntry("pump-meter/energy_import_total", 15230.75)
                    .containsEntry("pump-meter/voltage_a", 229.8).containsEntry("pump-meter/current_a", 12.5)
                    .containsEntry("pump-meter/frequency", 50.0)
                    .containsEntry("outflow/flow_total", 8412.36).containsEntry("outflow/valve_closed", false);
        }
    }

    private static Map<String, Object> latest(Chain chain) {
        return chain.cloud().queries().latestReadings().stream()
                .filter(r -> r.value() != null && (r.channel().contains("/pump-meter/") || r.channel().contains("/outflow/")))
                .collect(Collectors.toMap(r -> r.channel().substring(r.channel().indexOf('/') + 1),
                        StoredReading::value, (a, b) -> b));
    }
}
