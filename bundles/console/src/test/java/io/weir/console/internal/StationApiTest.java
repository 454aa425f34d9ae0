package io.weir.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.api.Acknowledgement;
import io.weir.api.AlarmAcknowledger;
import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;
import io.weir.api.Quality;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/** What the station page asks the gateway for, answered without a framework or a socket. */
class StationApiTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");
    private static final SiteInfo SITE = new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741,
            120.1551);
    private static final HealthReport HEALTHY = new HealthReport(3, List.of(), 2, 2, List.of(), List.of(), List.of());

    private final ActiveAlarms alarms = new ActiveAlarms();
    private final List<String> acknowledged = new ArrayList<>();
    private final List<Acknowledgement> by = new ArrayList<>();
    private final AlarmAcknowledger rules = new AlarmAcknowledger() {
        @Override
        public boolean acknowledge(String alarmId, Acknowledgement who) {
            acknowledged.add(alarmId);
            by.add(who);
            alarms.onAlarm(event(alarmId, AlarmLevel.RED, AlarmTransition.ACKNOWLEDGED, 3).acknowledgedBy(who));
            return true;
        }
    };
    private final LatestReadings readings = new LatestReadings();
    private final LocalApi api = new LocalApi(() -> HEALTHY, readings, new StationApi(() -> SITE, alarms,
            () -> rules, Clock.fixed(T, ZoneOffset.UTC)));

    private static AlarmEvent event(String id, AlarmLevel level, AlarmTransition transition, long seq) {
        return new AlarmEvent(id, "river-level", List.of("62001200/radar-1/water_level"), level, transition, 4.62,
                4.5, null, seq, T.plusSeconds(seq), SITE);
    }

    @Test
    void anActiveAlarmIsListedAndAcknowledgedOnSiteThroughTheRules() {
        alarms.onAlarm(event("a1", AlarmLevel.YELLOW, AlarmTransition.RAISED, 1));
        alarms.onAlarm(event("a1", AlarmLevel.RED, AlarmTransition.ESCALATED, 2));
        alarms.onAlarm(event("a2", AlarmLevel.BLUE, AlarmTransition.RAISED, 1));
        alarms.onAlarm(event("a2", AlarmLevel.BLUE, AlarmTransition.CLEARED, 2));

        String listed = api.handle("GET", "/api/alarms", null, null).json();
        assertThat(listed).contains("\"alarmId\":\"a1\"", "\"level\":\"RED\"", "\"value\":4.62",
                "\"raisedAt\":\"2026-11-21T08:00:01Z\"", "\"acknowledged\":false").doesNotContain("a2");

        var answer = api.handle("POST", "/api/alarms/ack", null, body("{\"alarmId\":\"a1\"}"), "192.168.1.20");

        assertThat(answer.json()).isEqualTo("{\"alarmId\":\"a1\",\"accepted\":true}");
        assertThat(by).containsExactly(new Acknowledgement("console", "192.168.1.20", true));
        assertThat(api.handle("GET", "/api/alarms", null, null).json()).contains("\"acknowledged\":true",
                "\"acknowledgedBy\":\"console from 192.168.1.20 (on site)\"");
        assertThat(api.handle("POST", "/api/alarms/ack", null, body("{}"), "x").status()).isEqualTo(400);
        assertThat(api.handle("GET", "/api/alarms/ack", null, null).status()).isEqualTo(405);
    }

    @Test
    void anEscalationAfterAnAcknowledgementAsksForAnotherOne() {
        alarms.onAlarm(event("a1", AlarmLevel.YELLOW, AlarmTransition.RAISED, 1));
        alarms.onAlarm(event("a1", AlarmLevel.YELLOW, AlarmTransition.ACKNOWLEDGED, 2));
        alarms.onAlarm(event("a1", AlarmLevel.RED, AlarmTransition.ESCALATED, 3));
        alarms.onAlarm(event("a1", AlarmLevel.YELLOW, AlarmTransition.ACKNOWLEDGED, 2)); // late, older

        assertThat(api.handle("GET", "/api/alarms", null, null).json()).contains("\"level\":\"RED\"",
                "\"acknowledged\":false");
    }

    @Test
    void theStationSaysWhoAndWhereItIs() {
        assertThat(api.handle("GET", "/api/station", null, null).json()).isEqualTo("{\"gatewayId\":\"gw-yx-001\","
                + "\"stationCode\":\"62001200\",\"name\":\"Yuxi River Station\",\"latitude\":30.2741,"
                + "\"longitude\":120.1551,\"now\":\"2026-11-21T08:00:00Z\"}");
        assertThat(api.handle("POST", "/api/commands/ping", null, body("{}")).json()).contains("\"pong\":true");
    }

    @Test
    void valuesAreShownAsPeopleReadThemAndARemovedDeviceLeavesTheList() {
        readings.onReadings(List.of(new Reading("62001200/meter-1/voltage", T, (double) 229.8f, "V", Quality.GOOD,
                        null, 1), new Reading("62001200/meter-1/pulses", T, 87L, "", Quality.GOOD, null),
                new Reading("62001200/radar-1/water_level", T, 4.6, "m", Quality.GOOD, null, 3)));
        String shown = api.handle("GET", "/api/readings", null, null).json();
        assertThat(shown).contains("\"value\":229.8,\"decimals\":1", "\"value\":87,", "\"value\":4.600,\"decimals\":3");

        var devices = new SiteDevices(readings);
        var properties = new Hashtable<String, Object>(Map.of("deviceId", "meter-1"));
        devices.updated("io.weir.modbus.device~meter-1", "io.weir.modbus.device", properties);
        devices.deleted("io.weir.modbus.device~meter-1");
        // a last poll that was in flight when the device was removed
        readings.onReadings(List.of(Reading.good("62001200/meter-1/voltage", T.plusSeconds(1), 230.0, "V")));

        assertThat(api.handle("GET", "/api/readings", null, null).json()).doesNotContain("meter-1")
                .contains("radar-1");
        devices.updated("io.weir.modbus.device~meter-1", "io.weir.modbus.device", properties);
        readings.onReadings(List.of(Reading.good("62001200/meter-1/voltage", T.plusSeconds(2), 230.0, "V")));
        assertThat(api.handle("GET", "/api/readings", null, null).json()).contains("meter-1");
    }

    @Test
    void everyFileOfThePageIsInTheBundle() {
        var assets = new StaticAssets();
        String page = new String(assets.file("/"), StandardCharsets.UTF_8);

        assertThat(page).contains("station/app.js", "station/i18n.js", "station/app.css").doesNotContain("http");
        assertThat(assets.file("/station/app.js")).isNotEmpty();
        assertThat(new String(assets.file("/station/i18n.js"), StandardCharsets.UTF_8)).contains("当前告警",
                "Active alarms");
        assertThat(assets.file("/station/../../secret")).isNull();
        assertThat(StaticAssets.POLICY).contains("default-src 'none'", "connect-src 'self'");
    }

    @Test
    void thePortComesFromTheConfigurationElseFromTheFrameworkProperty() {
        var config = new java.util.HashMap<String, Object>();
        LocalConsoleConfig defaults = (LocalConsoleConfig) java.lang.reflect.Proxy.newProxyInstance(
                LocalConsoleConfig.class.getClassLoader(), new Class<?>[] {LocalConsoleConfig.class},
                (proxy, method, args) -> method.getName().equals("port") ? 8089 : method.getDefaultValue());

        assertThat(LocalConsole.port(defaults, config, "0")).isZero();
        assertThat(LocalConsole.port(defaults, config, null)).isEqualTo(8089);
        config.put("port", 8089); // the default, as DS passes it with or without a configuration
        assertThat(LocalConsole.port(defaults, config, "0")).isZero();
        config.put("service.pid", "io.weir.console");
        assertThat(LocalConsole.port(defaults, config, "0")).isEqualTo(8089);
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
