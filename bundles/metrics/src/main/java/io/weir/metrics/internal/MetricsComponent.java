package io.weir.metrics.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.command.StatusProvider;
import io.weir.metrics.Exposition;

/**
 * Serves the gateway's Prometheus metrics: every status part the bundles offer (StatusProvider whiteboard), mapped
 * to metric families when scraped, and the readings and alarm events that pass on the whiteboard, counted. Its own
 * small listener (configuration PID {@code io.weir.metrics}, the site file's {@code metrics} section): loopback by
 * default, an optional bearer token, and nothing but {@code GET /metrics}.
 */
@Component(configurationPid = MetricsComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {ReadingListener.class, AlarmListener.class}, immediate = true)
@Designate(ocd = MetricsConfig.class)
public final class MetricsComponent implements ReadingListener, AlarmListener {

    static final String PID = "io.weir.metrics";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsComponent.class);

    private final Map<String, StatusProvider> parts = new ConcurrentHashMap<>();
    private final EventCounters events = new EventCounters();
    private final StatusMetrics mapping;
    private final ObjectMapper json = new ObjectMapper();
    private final MetricsServer server;

    @Activate
    public MetricsComponent(MetricsConfig config) {
        this(MetricsOptions.of(config), Clock.systemUTC());
    }

    MetricsComponent(MetricsOptions options, Clock clock) {
        this.mapping = new StatusMetrics(clock);
        this.server = options.port() < 0 ? null : listen(options);
    }

    private MetricsServer listen(MetricsOptions options) {
        try {
            MetricsServer s = new MetricsServer(options, this::scrape);
            LOG.info("metrics at http://{}:{}{}{}", options.host(), s.address().getPort(), MetricsServer.PATH,
                    options.token().isEmpty() ? "" : " (bearer token required)");
            return s;
        } catch (IOException e) {
            // like the console: the gateway goes on without the endpoint rather than stop for it
            LOG.error("metrics not served: cannot listen on {}:{} ({}); change the site file's metrics port",
                    options.host(), options.port(), e.toString());
            return null;
        }
    }

    /** The port the endpoint listens on, or -1 when it does not. */
    int port() {
        return server == null ? -1 : server.address().getPort();
    }

    /** One scrape: every part in name order, then the whiteboard counters. */
    String scrape() {
        Exposition out = new Exposition();
        int failed = 0;
        for (var part : new TreeMap<>(parts).entrySet()) {
            try {
                JsonNode status = json.readTree(part.getValue().statusJson());
                mapping.add(out, part.getKey(), status);
            } catch (IOException | RuntimeException e) {
                failed++;
                LOG.debug("status part {} left out of the scrape: {}", part.getKey(), e.toString());
            }
        }
        events.addTo(out);
        out.gauge("weir_status_parts_failed", "status parts that could not be read in this scrape").add(failed);
        return out.text();
    }

    @Override
    public void onReadings(List<Reading> readings) {
        events.readings(readings);
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        events.alarm(event);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeStatus")
    void addStatus(StatusProvider provider, Map<String, Object> properties) {
        if (properties.get(StatusProvider.NAME) instanceof String name) {
            parts.put(name, provider);
        }
    }

    void removeStatus(StatusProvider provider, Map<String, Object> properties) {
        if (properties.get(StatusProvider.NAME) instanceof String name) {
            parts.remove(name, provider);
        }
    }

    @Deactivate
    void close() {
        if (server != null) {
            server.close();
        }
    }
}
