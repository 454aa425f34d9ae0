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

/**
 * {@link Deployments} over the database; {@link RolloutSteering} takes the operators' steps, and the
 * {@link DeployWorker} sends the commands and moves rollouts on.
 */
public final class DeploymentService implements Deployments {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);
    static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

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
    private final InventoryTable inventory = new InventoryTable();
    private final RolloutSteering steering;

    /** @param signers checks every package before it is registered; @param registry who may be sent commands */
    public DeploymentService(Transactor transactor, Clock clock, Duration defaultTimeout, Runnable wakeUp,
                             PackageSigners signers, io.weir.cloud.internal.gateways.RegistryTables registry) {
        this.signers = signers;
        this.registry = registry;
        this.transactor = transactor;
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
        this.wakeUp = wakeUp;
        this.steering = new RolloutSteering(transactor, clock, wakeUp, this);
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
        DeploymentPackageInfo stored = transactor.write(c -> packages.insert(c, info, file.bundles()) ? info
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
    public boolean deletePackage(String name, String version) {
        String v = version(version);
        boolean deleted = transactor.write(c -> {
            List<String> naming = rollouts.naming(c, name, v);
            if (!naming.isEmpty()) {
                throw new DeploymentRequestException("package " + name + " " + v + " is named by rollout(s) " + naming
                        + "; their history and the gateways' drift checks need it, so it stays", true);
            }
            return packages.delete(c, name, v);
        });
        if (deleted) {
            LOG.info("Deployment package {} {} deleted; it may be registered again", name, v);
        }
        return deleted;
    }

    @Override
    public List<String> defineGroup(String group, List<String> gatewayIds) {
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
        List<String> warnings = transactor.write(c -> {
            groups.replace(c, group, List.copyOf(gatewayIds));
            return groups.strangers(c, gatewayIds, registry.registered(c, gatewayIds));
        });
        LOG.info("Gateway group {}: {}", group, gatewayIds);
        warnings.forEach(w -> LOG.warn("Gateway group {}: {}", group, w));
        return warnings;
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
        Duration timeout = positive("timeout", request.timeout() == null ? defaultTimeout : request.timeout());
        Duration soak = request.soak() == null ? Duration.ZERO : request.soak();
        if (soak.isNegative()) {
            throw new DeploymentRequestException("soak must not be negative, was " + soak);
        }
        int threshold = request.successThreshold() == null ? 100 : request.successThreshold();
        if (threshold < 0 || threshold > 100) {
            throw new DeploymentRequestException("successThreshold must be 0..100 (percent), was " + threshold);
        }
        if (request.canaries() < 0) {
            throw new DeploymentRequestException("canaries must not be negative, was " + request.canaries());
        }
        List<String> sizes = WavePlan.sizes(request.waves(), request.canaries());
        if (request.gatewayId() != null && !GATEWAY_ID.matcher(request.gatewayId()).matches()) {
            throw new DeploymentRequestException("gateway id '" + request.gatewayId() + "' does not match "
                    + GATEWAY_ID);
        }
        String rolloutId = newRolloutId();
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
            if (request.canaries() > targets.size()) {
                throw new DeploymentRequestException("canaries must be 0.." + targets.size() + ", was "
                        + request.canaries());
            }
            int[] waves = WavePlan.assign(sizes, targets.size());
            String target = request.gatewayId() != null ? "gateway:" + request.gatewayId()
                    : "group:" + request.group();
            int waveCount = waves[waves.length - 1];
            // "canaries": the first wave, when others wait for it
            int canaries = waveCount == 1 ? 0 : (int) java.util.Arrays.stream(waves).filter(w -> w == 1).count();
            RolloutTable.Plan plan = new RolloutTable.Plan(rolloutId, request.name(), version, target, canaries,
                    timeout, sizes, waveCount, threshold, soak, null, null, null);
            List<JobTable.NewJob> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                jobs.add(new JobTable.NewJob(rolloutId + "-" + (i + 1), rolloutId, targets.get(i),
                        waves[i] == 1 && plan.waveCount() > 1, waves[i], JobTable.INSTALL, null, null,
                        waves[i] == 1 ? JobState.PENDING : JobState.WAITING));
            }
            return create(c, plan, jobs);
        });
        LOG.info("Rollout {} of {} {} to {}: {} gateway(s) in {} wave(s) {}, success threshold {} %, soak {}",
                rolloutId, request.name(), version, started.target(), started.jobs().size(), started.waveCount(),
                sizes, threshold, soak);
        wakeUp.run();
        return started;
    }

    /**
     * Stores a rollout and its jobs, each job with what its gateway reported having of the package, after checking
     * that every gateway is registered and has no other deployment running.
     */
    RolloutStatus create(java.sql.Connection c, RolloutTable.Plan plan, List<JobTable.NewJob> newJobs)
            throws java.sql.SQLException {
        List<String> targets = newJobs.stream().map(JobTable.NewJob::gatewayId).toList();
        var registered = registry.registered(c, targets);
        List<String> strangers = targets.stream().filter(t -> !registered.contains(t)).toList();
        if (!strangers.isEmpty()) {
            throw new DeploymentRequestException("gateways " + strangers + " are not registered; commands go to "
                    + "registered gateways only");
        }
        List<String> busy = jobs.busy(c, targets);
        if (!busy.isEmpty()) {
            throw new DeploymentRequestException("gateway " + busy.get(0) + " has a deployment running or held; "
                    + "wait for it, or cancel that rollout", true);
        }
        Instant now = clock.instant();
        rollouts.insert(c, plan, RolloutTable.waveState(1, plan.waveCount()), now);
        for (JobTable.NewJob job : newJobs) {
            String previous = job.previousVersion() != null ? job.previousVersion()
                    : inventory.find(c, job.gatewayId()).map(r -> r.packages().getOrDefault(plan.name(), ""))
                    .orElse(null);
            jobs.insert(c, new JobTable.NewJob(job.jobId(), job.rolloutId(), job.gatewayId(), job.canary(),
                    job.wave(), job.action(), job.version(), previous, job.state()), now);
        }
        return rollouts.find(c, plan.rolloutId(), jobs);
    }

    String newRolloutId() {
        return "ro-" + HexFormat.of().formatHex(randomBytes());
    }

    @Override
    public RolloutStatus pause(String rolloutId, String operator) {
        return steering.pause(rolloutId, operator);
    }

    @Override
    public RolloutStatus resume(String rolloutId, String operator) {
        return steering.resume(rolloutId, operator);
    }

    @Override
    public RolloutStatus cancel(String rolloutId, String operator) {
        return steering.cancel(rolloutId, operator);
    }

    @Override
    public RolloutStatus retry(String rolloutId, List<String> gatewayIds, String operator) {
        return steering.retry(rolloutId, gatewayIds, operator);
    }

    @Override
    public RolloutStatus rollback(String rolloutId, Integer wave, String operator) {
        return steering.rollback(rolloutId, wave, operator);
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

    private static Duration positive(String field, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new DeploymentRequestException(field + " must be positive, was " + d);
        }
        return d;
    }

    static String version(String text) {
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
