package io.weir.site.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.StatusProvider;

/**
 * Applies the site file to ConfigAdmin when the bundle starts and whenever the site file or a profile changes.
 * A bad file changes nothing: ConfigAdmin (kept in the framework storage across restarts) goes on holding the last
 * good configuration. Its problems are logged and shown in the {@code site} status part, with the file in force.
 */
@Component(service = StatusProvider.class, property = StatusProvider.NAME + "=site", immediate = true)
public class SiteLoader implements StatusProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SiteLoader.class);
    /** Long enough to gather the several writes of one editor save, short enough to feel immediate. */
    static final Duration QUIET_PERIOD = Duration.ofMillis(300);
    /** In the bundle's data area: which site file the configurations in ConfigAdmin came from. */
    static final String IN_FORCE_RECORD = "in-force.properties";

    private final SiteLocations locations;
    private final SiteFileParser parser;
    private final ConfigurationMapper mapper;
    private final ConfigurationApplier applier;
    private final Optional<FileWatcher> watcher;
    private final SiteStatus status;
    private final ObjectMapper json = new ObjectMapper();
    private boolean closed;

    /**
     * In the framework the first load runs on a thread of its own, so that the bundles after this one start while
     * the site file and its profiles are parsed: on a restart ConfigAdmin already holds the last good configuration
     * and the devices poll from it (reading a site file of 50 devices took 0.3 s, all of it before the first poll);
     * on a new gateway the configurations come when the load has made them, as they always did.
     */
    @Activate
    public SiteLoader(BundleContext context, @Reference(name = "configAdmin") ConfigurationAdmin configAdmin) {
        this(SiteLocations.from(context::getProperty), configAdmin, true,
                new SiteStatus(context.getDataFile(IN_FORCE_RECORD).toPath(), Clock.systemUTC()), true);
    }

    /** @param watch false in tests, which call {@link #reload()} themselves instead of waiting for the watcher */
    SiteLoader(SiteLocations locations, ConfigurationAdmin configAdmin, boolean watch, SiteStatus status) {
        this(locations, configAdmin, watch, status, false);
    }

    private SiteLoader(SiteLocations locations, ConfigurationAdmin configAdmin, boolean watch, SiteStatus status,
                       boolean loadInBackground) {
        this.locations = locations;
        this.status = status;
        this.parser = SiteFileParser.forProfilesIn(locations.profilesDir());
        this.mapper = new ConfigurationMapper(new ObjectMapper());
        this.applier = new ConfigurationApplier(configAdmin);
        if (!loadInBackground) {
            reload();
        }
        // watching before the first load in the background: an edit saved while it runs is loaded after it
        this.watcher = watch ? startWatcher() : Optional.empty();
        if (loadInBackground) {
            Thread load = new Thread(this::reload, "weir-site-load");
            load.setDaemon(true);
            load.start();
        }
    }

    /**
     * Reads the site file and its profiles and, when they are good, applies them. Never throws: a gateway with a
     * bad site file keeps running on the configuration it has.
     *
     * @return whether the file was good and applied
     */
    synchronized boolean reload() {
        if (closed) {
            return false; // a watcher event that raced with deactivation; ConfigAdmin may already be gone
        }
        Path file = locations.siteFile();
        try {
            if (!Files.exists(file)) {
                status.rejected(file, null, List.of(new Problem(file.getFileName().toString(), 0, "",
                        "no such file: " + file.toAbsolutePath())));
                LOG.warn("no site file at {}; {}", file.toAbsolutePath(), status.fallback());
                return false;
            }
            String digest = sha256(file);
            Parsed<SiteModel> parsed = parser.parse(file);
            if (!parsed.ok()) {
                status.rejected(file, digest, parsed.problems());
                logProblems(file, parsed.problems(), status.fallback());
                return false;
            }
            SiteModel model = parsed.value().orElseThrow();
            ApplyReport report = applier.apply(mapper.map(model));
            status.applied(file, digest);
            LOG.info("site {} (station {}) applied from {} (sha256 {}): {} devices, {} rules; configurations: {}",
                    model.site().gatewayId(), model.site().stationCode(), file, digest.substring(0, 12),
                    model.devices().size(), model.rules().size(), report);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("applying site file {} failed; configurations may be partly updated until the next reload",
                    file, e);
            return false;
        }
    }

    private static void logProblems(Path file, List<Problem> problems, String fallback) {
        LOG.error("site file {} rejected, {} problem(s); {}:", file, problems.size(), fallback);
        for (Problem problem : problems) {
            LOG.error("{}", problem);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String statusJson() {
        return status.json(json);
    }

    private Optional<FileWatcher> startWatcher() {
        Path siteFile = locations.siteFile().toAbsolutePath().normalize();
        Path profilesDir = locations.profilesDir().toAbsolutePath().normalize();
        // CoAP profiles live in their own directory; watched when it exists
        Path coapDir = profilesDir.resolve(CoapSectionParser.PROFILE_SUBDIR);
        List<Path> dirs = Files.isDirectory(coapDir) ? List.of(siteFile.getParent(), profilesDir, coapDir)
                : List.of(siteFile.getParent(), profilesDir);
        try {
            var watcher = new FileWatcher(dirs,
                    // the files the site file names too (secrets, certificates): a rotated secret must reach its
                    // component. Those beside the site file are watched; a reload that changes nothing touches nothing
                    changed -> changed.equals(siteFile) || parser.namedFiles().contains(changed)
                            || ((changed.getParent().equals(profilesDir) || changed.getParent().equals(coapDir))
                                && changed.toString().endsWith(".yaml")),
                    QUIET_PERIOD, this::reload);
            watcher.start();
            return Optional.of(watcher);
        } catch (IOException e) {
            LOG.error("cannot watch {} for changes; edits need a restart to apply", siteFile, e);
            return Optional.empty();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            closed = true;
        }
        watcher.ifPresent(FileWatcher::close);
    }
}
