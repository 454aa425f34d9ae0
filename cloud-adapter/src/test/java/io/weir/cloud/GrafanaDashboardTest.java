package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/weir.json is a dashboard a platform team can import: valid JSON in Grafana's model (an input for the
 * Prometheus data source, panels with unique ids, a place on the grid and PromQL targets), and every adapter metric
 * it names is one the adapter writes. (The gateway's are checked by the metrics bundle's test.)
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("../docs/grafana/weir.json");
    private static final Path METRICS = Path.of("src/main/java/io/weir/cloud/internal/observe/AdapterMetrics.java");
    private static final Pattern METRIC = Pattern.compile("weir_adapter_[a-z0-9_]+");

    @Test
    void theDashboardIsImportableAndNamesOnlyMetricsTheAdapterWrites() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("__inputs").findValuesAsText("pluginId")).contains("prometheus");
        Set<Integer> ids = new HashSet<>();
        int targets = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).isNotBlank();
                    targets++;
                }
            }
        }
        assertThat(targets).isGreaterThan(20);

        String source = Files.readString(METRICS);
        Set<String> named = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            named.add(m.group().replaceAll("_(bucket|sum|count)$", ""));
        }
        assertThat(named).isNotEmpty().allSatisfy(name -> assertThat(source).contains("\"" + name + "\""));
    }
}
