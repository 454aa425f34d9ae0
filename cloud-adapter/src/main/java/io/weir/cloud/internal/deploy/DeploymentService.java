package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.DeploymentPackageInfo;
import io.weir.cloud.deploy.DeploymentRequestException;
import io.weir.cloud.deploy.Deployments;
import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.PackageRefusedException;
import io.weir.cloud.deploy.PackageRegistration;
import io.weir.cloud.deploy.RolloutRequest;
import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.cloud.deploy.StoredGatewayEvent;
import io.weir.cloud.internal.store.Transactor;
import io.weir.deploy.packaging.OsgiVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Deployments} over the database; the {@link DeployWorker} sends the commands and moves rollouts on. */
public final class DeploymentService implements Deployments {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);
    static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String RUNNING_JOB_STATES = "('WAITING', 'PENDING', 'SENT', 'ACCEPTED', 'DOWNLOADING', "
            + "'DOWNLOADED', 'VERIFIED', 'INSTALLED')";

    private final Transactor transactor;
    private final Clock clock;
    private final Duration defaultTimeout;
    private final Runnable wakeUp;
    private final PackageSigners signers;
    private final io.weir.cloud.internal.gateways.RegistryTables registry;
    private final SecureRandom random = new SecureRandom();
    private final PackageTable packages = new PackageTable();
    private final GroupTable groups = new GroupTable();
    private final RolloutTable rollouts = new RolloutTable();
    private final JobTable jobs = new JobTable();
    private final GatewayEventTable events = new GatewayEventTable();

    /** @param signers checks every package before it is registered; @param registry who may be sent commands */
    public DeploymentService(Transactor transactor, Clock clock, Duration defaultTimeout, Runnable wakeUp,
                             PackageSigners signers, io.weir.cloud.internal.gateways.RegistryTables registry) {
        this.signers = signers;
        this.registry = registry;
        this.transactor = transactor;
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
        this.wakeUp = wakeUp;
    }

    @Override
    public DeploymentPackageInfo registerPackage(PackageRegistration r) {
        String url = httpsUrl(r.url());
        String name = r.name();
        String version = r.version() == null ? null : version(r.version());
        String sha256 = r.sha256() == null ? null : r.sha256().toLowerCase(Locale.ROOT);
        if (r.file() == null) {
            throw new PackageRefusedException(PackageRefusedException.Reason.NO_FILE, "give the package's file: the "
                    + "adapter registers only packages whose signature it has checked against its trusted signers");
        }
        PackageFile.Identity file = PackageFile.read(r.file(), signers);
        name = agree("name", name, file.name(), r.file().toString());
        version = agree("version", version, file.version(), r.file().toString());
        sha256 = agree("sha256", sha256, file.sha256(), r.file().toString());
        Long size = file.size();
        if (!PackageFile.SYMBOLIC_NAME.matcher(name).matches()) {
            throw new DeploymentRequestException("name '" + name + "' is not a deployment package symbolic name");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new DeploymentRequestException("sha256 '" + sha256 + "' is not 64 hexadecimal digits");
        }
        DeploymentPackageInfo info = new DeploymentPackageInfo(name, version, url, sha256, size, clock.instant());
        DeploymentPackageInfo stored = transactor.write(c -> packages.insert(c, info) ? info
                : packages.find(c, info.name(), info.version()).orElseThrow());
        if (!stored.sha256().equals(sha256) || !stored.url().equals(url)) {
            throw new DeploymentRequestException("package " + name + " " + version + " is already registered with "
                    + "SHA-256 " + stored.sha256() + " at " + stored.url() + "; a version's contents never change, "
                    + "register a new version", true);
        }
        if (stored == info) {
            LOG.info("Registered deployment package {} {} ({}) at {}, signed by {}", name, version, sha256, url,
                    file.signer());
        }
        return stored;
    }

    @Override
    public List<DeploymentPackageInfo> packages() {
        return transactor.read(packages::all);
    }

    @Override
    public void defineGroup(String group, List<String> gatewayIds) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new DeploymentRequestException("group name '" + group + "' does not match " + GROUP);
        }
        if (gatewayIds == null || gatewayIds.isEmpty()) {
            throw new DeploymentRequestException("group " + group + " needs at least one gateway");
        }
        var seen = new HashSet<String>();
        for (String id : gatewayIds) {
            if (id == null || !GATEWAY_ID.matcher(id).matches()) {
                throw new DeploymentRequestException("gateway id '" + id + "' does not match " + GATEWAY_ID);
            }
            if (!seen.add(id)) {
                throw new DeploymentRequestException("gateway " + id + " is listed twice in group " + group);
            }
        }
        transactor.write(c -> {
            groups.replace(c, group, List.copyOf(gatewayIds));
            return null;
        });
        LOG.info("Gateway group {}: {}", group, gatewayIds);
    }

    @Override
    public Map<String, List<String>> groups() {
        return transactor.read(groups::all);
    }

    @Override
    public RolloutStatus startRollout(RolloutRequest request) {
        if ((request.gatewayId() == null) == (request.group() == null)) {
            throw new DeploymentRequestException("give either a gateway or a group");
        }
        if (request.name() == null || request.version() == null) {
            throw new DeploymentRequestException("give the package's name and version");
        }
        String version = version(request.version());
        Duration timeout = request.timeout() == null ? defaultTimeout : request.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new DeploymentRequestException("timeout must be positive, was " + timeout);
        }
        if (request.gatewayId() != null && !GATEWAY_ID.matcher(request.gatewayId()).matches()) {
            throw new DeploymentRequestException("gateway id '" + request.gatewayId() + "' does not match "
                    + GATEWAY_ID);
        }
        String rolloutId = "ro-" + HexFormat.of().formatHex(randomBytes());
        RolloutStatus started = transactor.write(c -> {
            if (packages.find(c, request.name(), version).isEmpty()) {
                throw new DeploymentRequestException("package " + request.name() + " " + version
                        + " is not registered");
            }
            List<String> targets = request.gatewayId() != null ? List.of(request.gatewayId())
                    : groups.members(c, request.group());
            if (targets.isEmpty()) {
                throw new DeploymentRequestException("group " + request.group() + " is not defined");
            }
            var registered = registry.registered(c, targets);
            List<String> strangers = targets.stream().filter(t -> !registered.contains(t)).toList();
            if (!strangers.isEmpty()) {
                throw new DeploymentRequestException("gateways " + strangers + " are not registered; commands go to "
                        + "registered gateways only");
            }
            if (request.canaries() < 0 || request.canaries() > targets.size()) {
                throw new DeploymentRequestException("canaries must be 0.." + targets.size() + ", was "
                        + request.canaries());
            }
            for (String busy : Rows.list(c, "SELECT gateway_id, job_id FROM deploy_job WHERE state IN "
                    + RUNNING_JOB_STATES, r -> r.getString(1) + " (job " + r.getString(2) + ")")) {
                if (targets.contains(busy.substring(0, busy.indexOf(' ')))) {
                    throw new DeploymentRequestException("gateway " + busy + " has a deployment running; wait for "
                            + "it to finish", true);
                }
            }
            Instant now = clock.instant();
            boolean staged = request.canaries() > 0;
            String target = request.gatewayId() != null ? "gateway:" + request.gatewayId()
                    : "group:" + request.group();
            rollouts.insert(c, rolloutId, request.name(), version, target, request.canaries(), timeout,
                    staged ? RolloutState.CANARY : RolloutState.ROLLING_OUT, now);
            for (int i = 0; i < targets.size(); i++) {
                boolean canary = i < request.canaries();
                jobs.insert(c, rolloutId + "-" + (i + 1), rolloutId, targets.get(i), canary,
                        canary || !staged ? JobState.PENDING : JobState.WAITING, now);
            }
            return rollouts.find(c, rolloutId, jobs);
        });
        LOG.info("Rollout {} of {} {} to {}: {} gateway(s), {} canary", rolloutId, request.name(), version,
                started.target(), started.jobs().size(), request.canaries());
        wakeUp.run();
        return started;
    }

    @Override
    public List<RolloutStatus> rollouts() {
        return transactor.read(c -> rollouts.all(c, jobs));
    }

    @Override
    public Optional<RolloutStatus> rollout(String rolloutId) {
        return Optional.ofNullable(transactor.read(c -> rollouts.find(c, rolloutId, jobs)));
    }

    @Override
    public List<JobStatus> jobs(String gatewayId) {
        return transactor.read(c -> jobs.ofGateway(c, gatewayId));
    }

    @Override
    public List<StoredGatewayEvent> events(String gatewayId, int limit) {
        return transactor.read(c -> events.latest(c, gatewayId, Math.max(1, Math.min(limit, 1000))));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String httpsUrl(String url) {
        if (url == null) {
            throw new DeploymentRequestException("url is missing: where gateways download the package");
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new DeploymentRequestException("url " + url + " is not an https URL with a host; gateways "
                        + "download packages over HTTPS only");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new DeploymentRequestException("url " + url + " is not a URL: " + e.getMessage());
        }
    }

    private static String version(String text) {
        try {
            return OsgiVersion.parse(text.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new DeploymentRequestException("version '" + text + "' is not an OSGi version: " + e.getMessage());
        }
    }

    private static String agree(String field, String given, String fromFile, String file) {
        if (given != null && !given.equals(fromFile)) {
            throw new DeploymentRequestException(field + " '" + given + "' does not match the file " + file
                    + ", which has '" + fromFile + "'", false);
        }
        return fromFile;
    }
}
