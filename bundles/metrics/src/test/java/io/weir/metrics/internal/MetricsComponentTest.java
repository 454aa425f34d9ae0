package io.weir.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;
import io.weir.api.command.StatusProvider;
import io.weir.metrics.Exposition;
import io.weir.metrics.MetricType;
import io.weir.metrics.Scrape;

/** The gateway's /metrics over real HTTP: status parts as the bundles write them, scraped and parsed strictly. */
class MetricsComponentTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final String STORE = """
            {"backlog":{"alarms":0,"events":1,"telemetry":18250,"inFlightMessages":2,"heldInMemory":0},
             "oldestUnsent":{"event":"2026-11-21T07:59:00Z","telemetry":"2026-11-21T07:50:00Z"},
             "caps":{"telemetryBytes":536870912,"alarmBytes":33554432,"fileBytes":7516192768,"reserveBytes":8388608},
             "used":{"telemetryBytes":2190000,"alarmBytes":410,"fileBytes":3936256,"fileOnDiskBytes":4194304,
                     "walBytes":0},
             "diskFreeBytes":15032385536,"reserveInPlace":true,"evictedTelemetry":7,"lastSeq":1042,"failedWrites":0,
             "nearCap":false,"nearCapReasons":[],"capacityAlarm":false,"capacityAlarms":[]}""";
    private static final String MODBUS = """
            {"endpoints":[{"link":"tcp://10.0.0.5:502","devices":[{"device":"radar-1","unitId":1,
             "link":"tcp://10.0.0.5:502","state":"failing","transactions":120,"answered":100,"timeouts":20,
             "crcErrors":0,"ioErrors":3,"exceptions":{"ILLEGAL_DATA_ADDRESS":2},"writes":1,
             "latency":{"samples":100,"p50Ms":12.0,"p95Ms":40.0,"p99Ms":80.0}}]}]}""";
    private static final String COAP = """
            {"port":5684,"labPlainPort":0,"devices":3,"silent":["cover-17"],
             "counters":{"reportsAccepted":40,"wrongKey":1,"rateLimited":0}}""";

    private MetricsComponent metrics;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private MetricsComponent start(String token) {
        metrics = new MetricsComponent(new MetricsOptions("127.0.0.1", 0, token), Clock.fixed(NOW, ZoneOffset.UTC));
        metrics.addStatus(() -> STORE, Map.of(StatusProvider.NAME, "store"));
        metrics.addStatus(() -> MODBUS, Map.of(StatusProvider.NAME, "modbus"));
        metrics.addStatus(() -> COAP, Map.of(StatusProvider.NAME, "coap"));
        metrics.addStatus(() -> "{\"connected\":true,\"connects\":2,\"losses\":1}", Map.of(StatusProvider.NAME,
                "uplink"));
        metrics.addStatus(() -> "{\"readingsEvaluated\":500,\"evaluationNanos\":2500000000}",
                Map.of(StatusProvider.NAME, "rules"));
        metrics.addStatus(() -> "{\"stationCode\":\"0062001200\",\"centres\":[{\"address\":1,\"host\":\"10.20.0.5\","
                + "\"port\":5001,\"transport\":\"udp\",\"encoding\":\"ascii\",\"connected\":true,"
                + "\"clockCheckedAt\":\"2026-11-21T07:55:00Z\",\"clockOffsetSeconds\":-42}]}",
                Map.of(StatusProvider.NAME, "sl651Report"));
        metrics.addStatus(() -> "not json", Map.of(StatusProvider.NAME, "broken"));
        return metrics;
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScrapeCarriesEveryPartAsWellNamedFamilies() throws Exception {
        start("");
        metrics.onReadings(List.of(new Reading("62001200/radar-1/water_level", NOW, 3.1, "m", Quality.GOOD, null),
                Reading.bad("62001200/radar-1/water_level", NOW, "m", QualityReason.COMM_ERROR)));
        metrics.onAlarm(new AlarmEvent("gw:river-level:1", "river-level", List.of("c"), AlarmLevel.BLUE,
                AlarmTransition.RAISED, 3.1, 3.0, null, 1, NOW, new SiteInfo("gw", "62001200", "Yuxi", 30, 120)));

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(Exposition.CONTENT_TYPE);
        Scrape scrape = Scrape.parse(response.body());
        assertThat(scrape.family("weir_store_backlog_records").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
        assertThat(scrape.value("weir_store_backlog_records", Map.of("class", "telemetry"))).contains(18250.0);
        assertThat(scrape.value("weir_store_oldest_unsent_age_seconds", Map.of("class", "telemetry"))).contains(600.0);
        assertThat(scrape.value("weir_store_used_bytes", Map.of("kind", "file_on_disk"))).contains(4194304.0);
        assertThat(scrape.family("weir_store_evicted_telemetry_total").orElseThrow().type())
                .isEqualTo(MetricType.COUNTER);
        Map<String, String> radar = Map.of("device", "radar-1", "link", "tcp://10.0.0.5:502");
        assertThat(scrape.value("weir_modbus_transactions_total", radar)).contains(120.0);
        assertThat(scrape.value("weir_modbus_timeouts_total", radar)).contains(20.0);
        assertThat(scrape.value("weir_modbus_device_up", radar)).contains(0.0);
        assertThat(scrape.value("weir_modbus_exceptions_total", Map.of("device", "radar-1", "link",
                "tcp://10.0.0.5:502", "code", "ILLEGAL_DATA_ADDRESS"))).contains(2.0);
        assertThat(scrape.value("weir_modbus_response_seconds", Map.of("device", "radar-1", "link",
                "tcp://10.0.0.5:502", "quantile", "0.95"))).contains(0.04);
        assertThat(scrape.value("weir_coap_reports_accepted_total", Map.of())).contains(40.0);
        assertThat(scrape.value("weir_coap_devices_silent", Map.of())).contains(1.0);
        assertThat(scrape.value("weir_uplink_connected", Map.of())).contains(1.0);
        assertThat(scrape.value("weir_uplink_connection_losses_total", Map.of())).contains(1.0);
        assertThat(scrape.value("weir_rules_readings_evaluated_total", Map.of())).contains(500.0);
        assertThat(scrape.value("weir_rules_evaluation_seconds_total", Map.of())).contains(2.5);
        Map<String, String> centre = Map.of("centre", "1", "transport", "udp");
        assertThat(scrape.value("weir_sl651_report_centre_connected", centre)).contains(1.0);
        assertThat(scrape.value("weir_sl651_report_clock_offset_seconds", centre)).contains(-42.0);
        assertThat(scrape.value("weir_readings_total", Map.of("quality", "BAD"))).contains(1.0);
        assertThat(scrape.value("weir_alarm_events_total", Map.of("level", "BLUE", "transition", "RAISED")))
                .contains(1.0);
        assertThat(scrape.value("weir_status_parts_failed", Map.of())).contains(1.0);
        assertThat(scrape.families().keySet()).allMatch(name -> name.startsWith("weir_"));
    }

    @Test
    void withATokenAScrapeWithoutItIsRefused() throws Exception {
        start("scrape-token-0123456789");

        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Bearer scrape-token-0123456789").statusCode()).isEqualTo(200);
        assertThat(get("/other", "Bearer scrape-token-0123456789").statusCode()).isEqualTo(404);
    }

    @Test
    void portMinusOneServesNothing() {
        metrics = new MetricsComponent(new MetricsOptions("127.0.0.1", -1, ""), Clock.systemUTC());
        assertThat(metrics.port()).isEqualTo(-1);
        assertThat(Scrape.parse(metrics.scrape()).families()).containsKey("weir_status_parts_failed");
    }
}
