package io.weir.sl651.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.command.StatusProvider;

/**
 * The gateway reporting as an SL 651 station, while its configuration exists: a {@link ReadingListener} that keeps
 * the mapped channels, writes the reports due every 5 minutes into {@code <weir.data.dir>/sl651/reports.db}, and
 * one link per centre that delivers them; keeps what was reported for {@code historyDays} to answer period
 * queries. Shows each centre's link, and how far the centre's clock was from ours when
 * it last sent a clock command, under {@code sl651Report} in the gateway's state.
 */
@Component(configurationPid = ReporterComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {ReadingListener.class, StatusProvider.class}, property = StatusProvider.NAME + "=sl651Report")
@Designate(ocd = ReporterConfig.class)
public final class ReporterComponent implements ReadingListener, StatusProvider {

    static final String PID = "io.weir.sl651.report";

    private static final Logger LOG = LoggerFactory.getLogger(ReporterComponent.class);
    private static final Pattern CENTRE = Pattern.compile("(\\d{1,3})@(.+):(\\d{1,5})");

    private final ReportOutbox outbox;
    private final StationHistory history;
    private final StationReporter reporter;
    private final List<CentreLink> links = new ArrayList<>();
    private final ScheduledExecutorService ticker;
    private final String stationCode;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ReporterComponent(ReporterConfig config, BundleContext context) throws SQLException {
        this(config, CentreComponent.dataDir(context.getProperty("weir.data.dir")), Clock.systemUTC());
    }

    ReporterComponent(ReporterConfig config, Path dataDir, Clock clock) throws SQLException {
        this(config, dataDir, clock, PacketSplitter.FRAME_BODY_LIMIT);
    }

    /** @param packetLimit the most body bytes one frame carries (the standard's 4095; tests lower it) */
    ReporterComponent(ReporterConfig config, Path dataDir, Clock clock, int packetLimit) throws SQLException {
        this.stationCode = config.stationCode();
        int password = StationComponent.password(config.stationCode(), config._password());
        var targets = new ArrayList<CentreLink.Target>();
        for (String centre : config.centres()) {
            targets.add(target(targets.size(), centre));
        }
        Map<String, String> elements = new LinkedHashMap<>();
        for (String pair : config.elements()) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("element '" + pair + "' is not ELEMENT=channel");
            }
            elements.put(pair.substring(eq + 1).strip(), pair.substring(0, eq).strip());
        }
        ZoneId zone = ZoneId.of(config.zone());
        var options = new StationReporter.Options(config.stationCode(), config.stationType(),
                targets.stream().map(CentreLink.Target::encoding).toList(), elements, config.rainChannel(),
                Duration.ofMinutes(config.timedMinutes()), config.added(), zone);
        if (config.historyDays() < 1) {
            throw new IllegalArgumentException("historyDays must be at least 1, not " + config.historyDays());
        }
        Path db = dataDir.resolve("sl651").resolve("reports.db");
        this.outbox = new ReportOutbox(db);
        this.history = new StationHistory(db, Duration.ofDays(config.historyDays()));
        this.reporter = new StationReporter(options, outbox, history, clock);
        for (CentreLink.Target t : targets) {
            links.add(new CentreLink(t, config.stationCode(), password, outbox, reporter.answersIn(t.encoding()),
                    packetLimit, Duration.ofSeconds(config.keepAliveSeconds()), zone, clock));
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "weir-sl651-report-clock");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code address@host:port}, then optionally the encoding ({@code hex}, the default, or {@code ascii}) and the
     * transport ({@code tcp}, the default, or {@code udp}), in any order.
     */
    static CentreLink.Target target(int index, String text) {
        String[] words = text.strip().split("\\s+");
        var m = CENTRE.matcher(words[0]);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 255) {
            throw new IllegalArgumentException("centre '" + text + "' is not address@host:port (address 1..255)");
        }
        Encoding encoding = Encoding.HEX;
        Transport transport = Transport.TCP;
        for (int i = 1; i < words.length; i++) {
            switch (words[i].toLowerCase(Locale.ROOT)) {
                case "hex" -> encoding = Encoding.HEX;
                case "ascii" -> encoding = Encoding.ASCII;
                case "tcp" -> transport = Transport.TCP;
                case "udp" -> transport = Transport.UDP;
                default -> throw new IllegalArgumentException("centre '" + text + "': '" + words[i]
                        + "' is neither an encoding (hex, ascii) nor a transport (tcp, udp)");
            }
        }
        return new CentreLink.Target(index, Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                encoding, transport);
    }

    @Activate
    void start() {
        links.forEach(CentreLink::start);
        ticker.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    void tick() {
        try {
            reporter.tick();
        } catch (SQLException | RuntimeException e) {
            LOG.error("sl651 station reporting: reports due now could not be kept", e);
        }
    }

    @Deactivate
    void stop() {
        ticker.shutdownNow();
        links.forEach(CentreLink::close);
        outbox.close();
        history.close();
    }

    @Override
    public void onReadings(List<Reading> readings) {
        reporter.onReadings(readings);
    }

    @Override
    public String statusJson() {
        var centres = new ArrayList<Map<String, Object>>();
        for (CentreLink link : links) {
            CentreLink.Target t = link.target();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("address", t.address());
            c.put("host", t.host());
            c.put("port", t.port());
            c.put("transport", t.transport().name().toLowerCase(Locale.ROOT));
            c.put("encoding", t.encoding().name().toLowerCase(Locale.ROOT));
            c.put("connected", link.connected());
            c.put("refusedRequests", link.refusedRequests());
            link.clockCheck().ifPresent(check -> {
                c.put("clockCheckedAt", check.at().toString());
                c.put("clockOffsetSeconds", check.centreAheadSeconds());
            });
            centres.add(c);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("stationCode", stationCode);
        status.put("centres", centres);
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status of strings and numbers always serialises", e);
        }
    }

    ReportOutbox outbox() {
        return outbox;
    }

    List<CentreLink> links() {
        return links;
    }
}
