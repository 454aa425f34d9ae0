package io.weir.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.weir.api.ReadingListener;
import io.weir.api.command.StatusProvider;
import io.weir.testing.Patience;

/**
 * The real gateway bundles in a real framework: a site file appears, the site bundle configures a Modbus device
 * and a threshold rule through ConfigAdmin, the device is polled over a socket, and readings and an alarm reach a
 * subscriber on a real broker in another process.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
public class GatewayChainIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ServiceComponentRuntime scr;

    @InjectService
    ConfigurationAdmin configAdmin;

    private static final String CONSOLE_TOKEN = "itest-console-token-0123456789";
    private static final Pattern COAP_PORT = Pattern.compile("\"port\":(\\d+)");
    private static final Pattern CONSOLE_PORT =
            Pattern.compile("\"console\":\\{\"listening\":true,\"url\":\"http://[^\"]*:(\\d+)/");

    record Received(String topic, String payload) {
    }

    @Test
    public void readingsAndAlarmsFromAModbusGaugeReachTheBroker() throws Exception {
        Path siteFile = Path.of(context.getProperty("weir.site.file"));
        Files.createDirectories(siteFile.getParent());
        try (var broker = BrokerProcess.start(context.getProperty("weir.itest.java"),
                context.getProperty("weir.itest.simulator.jar"), siteFile.resolveSibling("itest-broker.log"));
             var radar = new RadarSlave(1, 800)) {
            radar.setWaterLevelMm(3620);
            var received = new CopyOnWriteArrayList<Received>();
            var cloud = new MqttClient(broker.url(), "itest-cloud", new MemoryPersistence());
            var options = new MqttConnectOptions();
            options.setCleanSession(true);
            cloud.connect(options);
            cloud.subscribe("weir/v1/#", 1, (topic, message) ->
                    received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8))));

            // secrets live in files beside the site file, readable by the gateway's user only
            Files.writeString(siteFile.resolveSibling("cover-17.psk"), "cover-17-itest-key\n");
            Files.writeString(siteFile.resolveSibling("console.token"), "itest " + CONSOLE_TOKEN + "\n");
            // the CoAP server binds a UDP port of its own (port 0) and says which in its status
            Files.writeString(siteFile, siteYaml(radar.port(), broker.url(), 0));

            await("a reading of the gauge").atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                    .anyMatch(r -> r.topic().equals("weir/v1/gw-itest/telemetry")
                            && r.payload().contains("\"channel\":\"62001200/radar-1/water_level\",")
                            // the profile reads the level with 3 decimals: published as the gauge shows it
                            && r.payload().contains("\"value\":3.620,\"decimals\":3,")));
            await("the YELLOW alarm").atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                    .anyMatch(r -> r.topic().equals("weir/v1/gw-itest/alarm")
                            && r.payload().contains("\"level\":\"YELLOW\"")
                            && r.payload().contains("\"transition\":\"RAISED\"")));
            // the uplink may start twice (once more when the store's own configuration arrives): its birth comes
            // from whichever instance stays
            await("the gateway's birth").atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                    .anyMatch(r -> r.topic().equals("weir/v1/gw-itest/state")
                            && r.payload().contains("\"online\":true")));
            // the uplink finds the other bundles' status parts and commands as services: the store's part in its
            // state, the site bundle's site-validate answering a command (here one without the file's text); asked
            // again while unanswered, as a command sent while the uplink restarts is not kept
            await("the store's status in the state").atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                    .anyMatch(r -> r.topic().equals("weir/v1/gw-itest/state") && r.payload().contains("\"store\":{")));
            var asked = new AtomicInteger();
            await("site-validate's answer").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        cloud.publish("weir/v1/gw-itest/cmd/site-validate", ("{\"v\":1,\"requestId\":\"itest-"
                                + asked.incrementAndGet() + "\",\"expiresAt\":\"" + Instant.now().plusSeconds(60)
                                + "\",\"args\":{}}").getBytes(StandardCharsets.UTF_8), 1, false);
                        return received.stream().anyMatch(r -> r.topic().startsWith("weir/v1/gw-itest/reply/itest-")
                                && r.payload().contains("argument 'text' is missing"));
                    });

            // a manhole cover wakes and reports over DTLS with its own key: acknowledged once stored, then sent on
            int coapPort = await("the CoAP server's port").atMost(Patience.LOCAL)
                    .until(() -> statusNumber("(weir.status.name=coap)", COAP_PORT), port -> port > 0);
            try (var cover = new DtlsDevice(coapPort, "861234050000017", "cover-17-itest-key")) {
                await("the cover's report acknowledged").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> cover.report("[{\"bn\":\"cover-17:\",\"n\":\"tilt\",\"u\":\"deg\",\"v\":3.5},"
                                + "{\"n\":\"level\",\"u\":\"m\",\"v\":0.42}]") == 68); // 2.04 Changed
            }
            await("the cover's reading at the broker").atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                    .anyMatch(r -> r.topic().equals("weir/v1/gw-itest/telemetry")
                            && r.payload().contains("\"channel\":\"62001200/cover-17/water_level\",")));
            cloud.disconnect();
            cloud.close();

            assertTheLocalConsoleShowsLiveValues();

            // the console's configuration was just deleted: DS re-creates it with its defaults, give it the time
            await("every bundle active, every component satisfied").atMost(Duration.ofSeconds(30))
                    .untilAsserted(this::assertEverythingActiveAndSatisfied);
            await("the rules' derived readings wired to every reading listener but the engine")
                    .atMost(Duration.ofSeconds(30)).untilAsserted(this::assertDerivedReadingsNeverReachTheEngine);
        }
    }

    /**
     * The technician's view: the console, moved through ConfigAdmin to a port it binds itself (0), which it names in
     * its {@code health} status, serves the gauge's value to a request with the token of console.token beside the
     * site file, and nothing without it.
     */
    private void assertTheLocalConsoleShowsLiveValues() throws Exception {
        var console = configAdmin.getConfiguration("io.weir.console", "?");
        console.update(new Hashtable<>(Map.of("port", 0)));
        int port = await("the console's port").atMost(Patience.LOCAL)
                .until(() -> statusNumber("(&(weir.status.name=health)(port=0))", CONSOLE_PORT), p -> p > 0);
        var http = HttpClient.newHttpClient();
        var readings = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readings"))
                .header("Authorization", "Bearer " + CONSOLE_TOKEN).build();
        await("the console's live values").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                http.send(readings, HttpResponse.BodyHandlers.ofString()).body()
                        .contains("{\"channel\":\"62001200/radar-1/water_level\",\"device\":\"radar-1\","));
        // the station page, its files read from the console bundle inside the framework, with no token
        var page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("station/app.js");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/station/app.js"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        var health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                .header("Authorization", "Bearer " + CONSOLE_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{");
        // the store and clock sections of the site file reached their bundles through ConfigAdmin
        assertThat(health.body()).contains("\"telemetryBytes\":67108864").contains("\"reserveBytes\":1048576")
                .contains("\"nearCap\":false").contains("\"sources\":[\"timesyncd\"]");
        var anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readings"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        console.delete();
    }

    /** A number in the status of the StatusProvider that {@code filter} selects; 0 while there is none. */
    @SuppressWarnings("rawtypes") // the OSGi core API on this module's class path predates generics
    private int statusNumber(String filter, Pattern number) throws Exception {
        ServiceReference[] references = context.getServiceReferences(StatusProvider.class.getName(), filter);
        if (references == null) {
            return 0;
        }
        var provider = (StatusProvider) context.getService(references[0]);
        try {
            Matcher matcher = number.matcher(provider.statusJson());
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } finally {
            context.ungetService(references[0]);
        }
    }

    private void assertEverythingActiveAndSatisfied() {
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders("").get(Constants.FRAGMENT_HOST) == null)
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).toList();
        assertThat(notActive).isEmpty();
        var configurations = scr.getComponentDescriptionDTOs().stream()
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream()).toList();
        assertThat(configurations).extracting(c -> c.description.name + "=" + c.state)
                .allMatch(s -> s.endsWith("=" + ComponentConfigurationDTO.ACTIVE)
                        || s.endsWith("=" + ComponentConfigurationDTO.SATISFIED));
        assertThat(configurations).extracting(c -> c.description.name).contains(
                "io.weir.store.internal.StoreComponent", "io.weir.uplink.internal.MqttUplink",
                "io.weir.clock.internal.ClockComponent");
    }

    /**
     * Rain totals the rules derive go to the reading listeners bound to the engine's listener reference: the store
     * (hence the uplink) and the others, never the engine itself, which would count them as rain again.
     */
    private void assertDerivedReadingsNeverReachTheEngine() throws InvalidSyntaxException {
        Map<Long, Boolean> listeners = new HashMap<>(); // service id -> is the engine
        for (ServiceReference ref : context.getServiceReferences(ReadingListener.class.getName(), null)) {
            listeners.put((Long) ref.getProperty(Constants.SERVICE_ID),
                    "true".equals(String.valueOf(ref.getProperty("weir.rules.engine"))));
        }
        var engine = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.name.equals("io.weir.rules.internal.RuleEngineComponent")).findFirst().orElseThrow();
        var bound = scr.getComponentConfigurationDTOs(engine).stream()
                .flatMap(c -> Arrays.stream(c.satisfiedReferences))
                .filter(r -> r.name.equals("ReadingListener"))
                .flatMap(r -> Arrays.stream(r.boundServices)).map(s -> s.id).collect(Collectors.toSet());
        assertThat(listeners).containsValue(true);
        assertThat(bound).as("the engine's listeners, of the reading listeners %s", listeners)
                .isEqualTo(listeners.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                        .collect(Collectors.toSet()));
        var store = context.getServiceReferences(ReadingListener.class.getName(),
                "(component.name=io.weir.store.internal.StoreComponent)");
        assertThat(store).isNotNull();
        assertThat(bound).contains((Long) store[0].getProperty(Constants.SERVICE_ID));
    }

    private static String siteYaml(int modbusPort, String brokerUrl, int coapPort) {
        return """
                gateway:
                  id: gw-itest
                site:
                  stationCode: "62001200"
                  name: Yuxi River Station
                  latitude: 30.2741
                  longitude: 120.1551
                uplink:
                  broker: %s
                devices:
                  - id: radar-1
                    profile: hlk-ld8001h
                    address: 127.0.0.1:%d
                    unitId: 1
                    pollInterval: 200ms
                coap:
                  port: %d
                  devices:
                    - id: cover-17
                      profile: nbiot-manhole-cover
                      identity: "861234050000017"
                      keyFile: cover-17.psk
                store:
                  telemetryCap: 64MiB
                  reserve: 1MiB
                clock:
                  sources: [timesyncd]
                  probeInterval: 5s
                rules:
                  - id: river-level
                    type: threshold
                    channel: radar-1/water_level
                    direction: above
                    levels: {blue: 3.0, yellow: 3.5, orange: 4.0, red: 4.5}
                    hysteresis: 0.05
                """.formatted(brokerUrl, modbusPort, coapPort);
    }
}
