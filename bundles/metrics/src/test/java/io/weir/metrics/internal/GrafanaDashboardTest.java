package io.weir.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.Quality;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;
import io.weir.api.command.StatusProvider;
import io.weir.metrics.Scrape;

/**
 * The Grafana dashboard in docs/grafana asks only for gateway metrics that a gateway serves: every status part, as
 * its bundle writes it, is scraped here and each gateway metric the dashboard names must be among the families.
 * (The cloud adapter's metrics are checked by the adapter's own test.)
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("../../docs/grafana/weir.json");
    private static final Pattern METRIC = Pattern.compile("weir_[a-z0-9_]+");
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private static final Map<String, String> PARTS = Map.ofEntries(
            Map.entry("health", "{\"healthy\":true,\"bundles\":41,\"components\":30,\"componentsUp\":30}"),
            Map.entry("modbus", "{\"endpoints\":[{\"link\":\"tcp://10.0.0.5:502\",\"devices\":[{\"device\":\"radar-1\","
                    + "\"unitId\":1,\"link\":\"tcp://10.0.0.5:502\",\"state\":\"ok\",\"transactions\":10,"
                    + "\"answered\":10,\"timeouts\":0,\"crcErrors\":0,\"ioErrors\":0,\"exceptions\":{},\"writes\":0,"
                    + "\"latency\":{\"samples\":10,\"p50Ms\":5.0,\"p95Ms\":9.0,\"p99Ms\":12.0}}]}]}"),
            Map.entry("store", "{\"backlog\":{\"alarms\":0,\"events\":0,\"telemetry\":5,\"inFlightMessages\":1,"
                    + "\"heldInMemory\":0},\"oldestUnsent\":{\"telemetry\":\"2026-11-21T07:59:00Z\"},"
                    + "\"caps\":{\"telemetryBytes\":1,\"alarmBytes\":1,\"fileBytes\":1,\"reserveBytes\":1},"
                    + "\"used\":{\"telemetryBytes\":1,\"alarmBytes\":1,\"fileBytes\":1,\"fileOnDiskBytes\":1,"
                    + "\"walBytes\":0},\"diskFreeBytes\":100,\"reserveInPlace\":true,\"evictedTelemetry\":0,"
                    + "\"lastSeq\":3,\"failedWrites\":0,\"nearCap\":false,\"capacityAlarm\":false}"),
            Map.entry("uplink", "{\"connected\":true,\"connects\":1,\"losses\":0}"),
            Map.entry("rules", "{\"readingsEvaluated\":10,\"evaluationNanos\":1000}"),
            Map.entry("coap", "{\"port\":5684,\"labPlainPort\":-1,\"devices\":1,\"silent\":[],\"counters\":{"
                    + "\"reportsAccepted\":1,\"readingsAccepted\":3,\"duplicatesDropped\":0,\"unknownIdentity\":0,"
                    + "\"wrongKey\":0,\"handshakesFailed\":0,\"malformed\":0,\"oversized\":0,\"unsupportedFormat\":0,"
                    + "\"rateLimited\":0,\"storeFailed\":0,\"unmappedRecords\":0,\"commandsDelivered\":0,"
                    + "\"silentFlagged\":0}}"),
            Map.entry("sl651", "{\"port\":5651,\"udpPort\":null,\"stations\":2,\"connections\":1,\"counters\":{"
                    + "\"framesReceived\":4,\"reportsAccepted\":4,\"readingsAccepted\":20,\"badCrc\":0}}"),
            Map.entry("meters", "{\"meters\":[{\"device\":\"pump-meter\",\"protocol\":\"DLT645\",\"address\":\"0001\","
                    + "\"link\":\"tcp://10.0.0.7:4001\",\"communicating\":true,\"polls\":3,\"failures\":0,"
                    + "\"lastFailure\":null}]}"),
            Map.entry("clock", "{\"synchronised\":true,\"source\":\"chrony\",\"steps\":0}"),
            Map.entry("gpio", "{\"outputs\":{\"siren\":{\"pin\":27,\"on\":false}}}"),
            Map.entry("deploy", "{\"packages\":[{\"name\":\"io.weir.gateway\",\"version\":\"1.2.0\"}],\"job\":null}"));

    @Test
    void everyGatewayMetricTheDashboardNamesIsServed() throws Exception {
        MetricsComponent metrics = new MetricsComponent(new MetricsOptions("127.0.0.1", -1, ""),
                Clock.fixed(NOW, ZoneOffset.UTC));
        PARTS.forEach((name, json) -> metrics.addStatus(() -> json, Map.of(StatusProvider.NAME, name)));
        metrics.onReadings(List.of(new Reading("62001200/radar-1/water_level", NOW, 3.1, "m", Quality.GOOD, null)));
        metrics.onAlarm(new AlarmEvent("gw:r:1", "r", List.of("c"), AlarmLevel.RED, AlarmTransition.RAISED, 4.6, 4.5,
                null, 1, NOW, new SiteInfo("gw", "62001200", "Yuxi", 30, 120)));
        Set<String> served = Scrape.parse(metrics.scrape()).families().keySet();

        Set<String> named = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            String name = m.group().replaceAll("_(bucket|sum|count)$", "");
            if (!name.startsWith("weir_adapter_")) {
                named.add(name);
            }
        }

        assertThat(named).isNotEmpty();
        assertThat(served).containsAll(named);
    }
}
