package io.weir.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.weir.api.GatewayEvent;
import io.weir.deploy.packaging.DeploymentPackageVerifier;
import io.weir.api.security.SecretFile;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageHeaders;
import io.weir.deploy.packaging.PackageVerificationException;
import io.weir.deploy.packaging.VerifiedPackage;

/**
 * The deploy agent's core, plain Java: runs one job at a time on its executor, step by step, writing the job file
 * before each step so that a restart resumes the job where it was, and reporting every step as a gateway event.
 *
 * <p>Files under the work directory, which only the runtime user may enter: {@code job.json} (the current or last
 * job), {@code downloads/<jobId>.part} (a download in progress) and {@code downloads/<jobId>.dp} (a complete one),
 * {@code packages/<name>/<version>.dp} (the installed version of each package, kept to roll back to),
 * {@code minimum-versions.json} (the minimums packages have set).
 *
 * <p>Whatever goes wrong with a job, it ends FAILED with its reason and the agent takes the next one: a bad package
 * (refused, with the check that refused it), an error of the gateway's own (INTERNAL), even one that takes the whole
 * gateway down while the job is in one state: after {@value #MAX_RESTARTS} restarts in that state the job is given
 * up (RESTART) instead of taking the gateway down at every start.
 */
final class DeployAgent {

    static final String SOURCE = "deploy";
    private static final Logger LOG = LoggerFactory.getLogger(DeployAgent.class);
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** Restarts of the gateway while a job is in one state before the job is given up. */
    static final int MAX_RESTARTS = 3;
    /**
     * What the cloud is told when a download fails, whatever the reason: which host refused, timed out or answered
     * what would map the gateway's network for whoever can send a command. The log has the detail.
     */
    static final String DOWNLOAD_FAILED = "the package could not be downloaded; the gateway's log says why";

    private final DeployOptions options;
    private final Downloader downloader;
    private final Optional<DeploymentPackageVerifier> verifier;
    private final Installer installer;
    private final HealthCheck health;
    private final Consumer<GatewayEvent> events;
    private final Clock clock;
    private final ExecutorService executor;
    private final JobFile jobFile;
    private final MinimumVersions minimums;
    private final ObjectMapper json;
    private final Object lock = new Object();
    private Job current; // guarded by lock
    private volatile boolean closed;

    /**
     * @param verifier empty when no trust is configured: every package is then refused
     */
    DeployAgent(DeployOptions options, Downloader downloader, Optional<DeploymentPackageVerifier> verifier,
            Installer installer, HealthCheck health, Consumer<GatewayEvent> events, Clock clock,
            ExecutorService executor, ObjectMapper json) {
        this.options = options;
        this.downloader = downloader;
        this.verifier = verifier;
        this.installer = installer;
        this.health = health;
        this.events = events;
        this.clock = clock;
        this.executor = executor;
        this.json = json;
        this.jobFile = new JobFile(options.workDir().resolve("job.json"), json);
        this.minimums = new MinimumVersions(options.workDir().resolve("minimum-versions.json"), json,
                options.minimumVersions());
    }

    /**
     * Reads the job file; a job that was not finished continues, unless the gateway has restarted too often while
     * it was where it is now.
     */
    void start() throws IOException {
        SecretFile.privateDirectory(options.workDir());
        Optional<Job> last = jobFile.read();
        if (last.isPresent() && !last.get().state().isFinal()) {
            last = Optional.of(last.get().restarted());
            jobFile.write(last.get()); // before the step runs again: the step may be what takes the gateway down
        }
        synchronized (lock) {
            current = last.orElse(null);
        }
        last.filter(job -> !job.state().isFinal()).ifPresent(job -> {
            LOG.info("resuming deploy job {} ({} {} {}) in state {}, restart {} of {}", job.jobId(), job.kind(),
                    job.name(), job.version(), job.state(), job.restarts(), MAX_RESTARTS);
            executor.execute(() -> run(job));
        });
    }

    /** Stops: a download in progress is cut off, the job file keeps the job for the next start. */
    void close() throws InterruptedException {
        closed = true;
        downloader.abort();
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    // ---- commands ----

    String install(Map<String, String> args) {
        String jobId = jobId(args);
        Optional<String> again = sameJob(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        String url = required(args, "url");
        URI uri = https(url);
        String sha256 = required(args, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        String name = required(args, "name");
        String version = version(required(args, "version"));
        Optional<OsgiVersion> minimum = minimum(name);
        if (minimum.isPresent() && OsgiVersion.parse(version).compareTo(minimum.get()) < 0) {
            // no download for what will be refused anyway; a newer-than-installed check needs the signed package
            throw new IllegalArgumentException(belowMinimum(name, version, minimum.get()));
        }
        return accept(Job.accepted(jobId, Job.Kind.INSTALL, name, version, uri.toString(), sha256),
                "DEPLOY_ACCEPTED");
    }

    private static String jobId(Map<String, String> args) {
        String jobId = required(args, "jobId");
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("jobId must match [A-Za-z0-9._:-]{1,64}");
        }
        return jobId;
    }

    String uninstall(Map<String, String> args) {
        String jobId = jobId(args);
        Optional<String> again = sameJob(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        String name = required(args, "name");
        String version = installer.versionOf(name).orElseThrow(
                () -> new IllegalArgumentException("no deployment package named " + name + " is installed"));
        return accept(Job.accepted(jobId, Job.Kind.UNINSTALL, name, version, null, null), "DEPLOY_ACCEPTED");
    }

    String list() {
        ObjectNode reply = json.createObjectNode();
        var packages = reply.putArray("packages");
        installer.installed().forEach((name, version) -> packages.addObject().put("name", name).put("version",
                version));
        Job job = currentJob();
        if (job == null) {
            reply.putNull("job");
        } else {
            ObjectNode node = reply.putObject("job").put("jobId", job.jobId()).put("kind", job.kind().name())
                    .put("name", job.name()).put("version", job.version()).put("state", job.state().name());
            if (job.reason() != null) {
                node.put("reason", job.reason());
            }
        }
        return reply.toString();
    }

    /** The status for the retained state message: installed packages and the current job. */
    String status() {
        ObjectNode status = json.createObjectNode();
        var packages = status.putArray("packages");
        installer.installed().forEach((name, version) -> packages.addObject().put("name", name).put("version",
                version));
        Job job = currentJob();
        if (job == null) {
            status.putNull("job");
        } else {
            ObjectNode node = status.putObject("job").put("jobId", job.jobId()).put("state", job.state().name());
            if (job.state() == JobState.FAILED && job.reason() != null) {
                node.put("reason", job.reason());
            }
        }
        try {
            ObjectNode floors = status.putObject("minimumVersions");
            minimums.all().forEach(floors::put);
        } catch (IOException | RuntimeException e) {
            status.put("minimumVersions", "unreadable: " + e.getMessage());
        }
        return status.toString();
    }

    Job currentJob() {
        synchronized (lock) {
            return current;
        }
    }

    private Optional<String> sameJob(String jobId) {
        Job job = currentJob();
        if (job != null && job.jobId().equals(jobId)) {
            return Optional.of(accepted(job));
        }
        return Optional.empty();
    }

    private String accept(Job job, String event) {
        synchronized (lock) {
            if (current != null && !current.state().isFinal()) {
                throw new IllegalStateException("job " + current.jobId() + " is still running (" + current.state()
                        + "); try again when it is done");
            }
            if (closed) {
                throw new IllegalStateException("the deploy agent is stopping");
            }
            try {
                jobFile.write(job);
            } catch (IOException e) {
                throw new IllegalStateException("cannot record the job: " + e.getMessage(), e);
            }
            current = job;
        }
        emit(job, event, Map.of());
        executor.execute(() -> run(job));
        return accepted(job);
    }

    private String accepted(Job job) {
        return json.createObjectNode().put("accepted", true).put("jobId", job.jobId())
                .put("state", job.state().name()).toString();
    }

    // ---- the job ----

    private void run(Job start) {
        Job job = start;
        try {
            if (job.restarts() > MAX_RESTARTS) {
                record(fail(job, "RESTART", "the gateway restarted " + MAX_RESTARTS + " times while this job was "
                        + job.state() + "; given up"));
                return;
            }
            while (!job.state().isFinal() && !closed) {
                job = step(job);
                record(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the job file keeps the job for the next start
        } catch (Throwable e) { // OutOfMemoryError too: it is over once the step's memory is gone, and the job must end
            if (closed) {
                return; // stopping: the job file keeps the job for the next start
            }
            // the gateway's disk, or a bug; not a bad package: say so and end the job rather than leave it hanging
            LOG.error("deploy job {} broke in state {}", start.jobId(), job.state(), e);
            try {
                record(fail(job, "INTERNAL", job.state() + ": " + e));
            } catch (IOException | RuntimeException second) {
                LOG.error("deploy job {} cannot record its failure", start.jobId(), second);
            }
        }
    }

    private Job step(Job job) throws InterruptedException, IOException {
        return switch (job.state()) {
            case ACCEPTED -> job.kind() == Job.Kind.UNINSTALL ? job.in(JobState.UNINSTALLING)
                    : job.in(JobState.DOWNLOADING);
            case DOWNLOADING -> download(job);
            case DOWNLOADED -> verifyAndInstall(job);
            case INSTALLING -> resumeInstalling(job);
            case INSTALLED -> checkHealth(job);
            case ROLLING_BACK -> rollBack(job);
            case UNINSTALLING -> uninstallPackage(job);
            default -> job;
        };
    }

    private Job download(Job job) throws InterruptedException, IOException {
        if (!options.downloadTrusted()) {
            return fail(job, "DOWNLOAD", "the gateway trusts no package server: no CA is configured for downloads "
                    + "(deploy.caFile in the site file, or " + DeployOptions.DOWNLOAD_CA_FILE + " beside it)");
        }
        Path partial = downloads().resolve(job.jobId() + ".part");
        ProgressReporter progress = new ProgressReporter(job);
        long size;
        try {
            size = downloader.download(URI.create(job.url()), partial, progress::report);
        } catch (IOException | RuntimeException e) {
            if (closed) {
                throw new InterruptedException("stopping");
            }
            LOG.warn("deploy job {}: download of {} failed: {}", job.jobId(), job.url(), e.toString());
            return fail(job, "DOWNLOAD", DOWNLOAD_FAILED);
        }
        Files.move(partial, downloaded(job), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        emit(job, "DEPLOY_DOWNLOADED", Map.of("bytes", size));
        return job.in(JobState.DOWNLOADED);
    }

    private Job verifyAndInstall(Job job) throws IOException {
        Path file = downloaded(job);
        String actual = sha256(file);
        if (!actual.equals(job.sha256())) {
            return fail(job, "HASH", "SHA-256 mismatch: expected " + job.sha256() + " got " + actual);
        }
        if (verifier.isEmpty()) {
            return fail(job, "SIGNATURE", "the gateway has no trusted signers configured (deploy.trustedSigners in "
                    + "the site file, or trusted-signers/ beside it)");
        }
        VerifiedPackage verified;
        try {
            verified = verifier.get().verify(file);
        } catch (PackageVerificationException e) {
            return fail(job, e.problem() == PackageVerificationException.Problem.TOO_LARGE ? "SIZE" : "SIGNATURE",
                    e.getMessage());
        }
        String name = verified.dp().symbolicName();
        String version = verified.dp().version().toString();
        if (!name.equals(job.name()) || !version.equals(job.version())) {
            return fail(job, "PACKAGE", "package is " + name + " " + version + ", but the command named "
                    + job.name() + " " + job.version());
        }
        PackageHeaders headers = verified.dp().headers();
        Optional<String> refused = versionRefusal(headers, installer.versionOf(name));
        if (refused.isPresent()) {
            return fail(job, "VERSION", refused.get());
        }
        emit(job, "DEPLOY_VERIFIED", Map.of("signer", verified.signerName()));
        Set<String> expected = new LinkedHashSet<>(options.expectedComponents());
        expected.addAll(headers.expectedComponents());
        Job installing = job.withPrevious(installer.versionOf(name).orElse(null))
                .expecting(new ArrayList<>(expected),
                        headers.minimumVersion().map(OsgiVersion::toString).orElse(null))
                .in(JobState.INSTALLING);
        record(installing);
        return install(installing, file);
    }

    /**
     * Anti-rollback: a package must be newer than the installed version, unless its signed manifest allows
     * replacing that very version (Weir-Allow-Downgrade-From), and never below the package's minimum.
     */
    private Optional<String> versionRefusal(PackageHeaders headers, Optional<String> installed) throws IOException {
        String name = headers.symbolicName();
        Optional<OsgiVersion> minimum = minimum(name);
        if (minimum.isPresent() && headers.version().compareTo(minimum.get()) < 0) {
            return Optional.of(belowMinimum(name, headers.version().toString(), minimum.get()));
        }
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        OsgiVersion current = OsgiVersion.parse(installed.get());
        if (headers.version().compareTo(current) > 0
                || headers.downgradeFrom().filter(range -> range.includes(current)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("version " + headers.version() + " is not newer than the installed " + current
                + (headers.downgradeFrom().isEmpty() ? ", and the package allows no downgrade"
                        : ", and the package allows replacing only " + headers.downgradeFrom().get())
                + " (Weir-Allow-Downgrade-From)");
    }

    private Optional<OsgiVersion> minimum(String name) {
        try {
            return minimums.of(name);
        } catch (IOException | RuntimeException e) {
            // not knowing the minimum must not let an old package through
            throw new IllegalStateException("cannot read the minimum versions: " + e.getMessage(), e);
        }
    }

    private static String belowMinimum(String name, String version, OsgiVersion minimum) {
        return "version " + version + " of " + name + " is below its minimum version " + minimum;
    }

    private Job install(Job job, Path file) throws IOException {
        try {
            installer.install(file);
        } catch (Exception e) {
            return fail(job, "INSTALL", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Path kept = kept(job.name(), job.version());
        Files.createDirectories(kept.getParent());
        Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        emit(job, "DEPLOY_INSTALLED", Map.of());
        return job.in(JobState.INSTALLED);
    }

    // A restart during the install: Deployment Admin either finished it or not.
    private Job resumeInstalling(Job job) throws IOException {
        if (installer.versionOf(job.name()).filter(job.version()::equals).isPresent()) {
            Files.copy(downloaded(job), kept(job.name(), job.version()), StandardCopyOption.REPLACE_EXISTING);
            emit(job, "DEPLOY_INSTALLED", Map.of());
            return job.in(JobState.INSTALLED);
        }
        return job.in(JobState.DOWNLOADED); // checked again from the start: the file may have changed meanwhile
    }

    private Job checkHealth(Job job) throws InterruptedException, IOException {
        Optional<String> problem = health.await(installer.bundlesOf(job.name()), job.expectedComponents(),
                options.healthTimeout());
        if (problem.isEmpty()) {
            cleanUp(job);
            if (job.minimumVersion() != null) {
                minimums.raise(job.name(), OsgiVersion.parse(job.minimumVersion()));
                LOG.info("deploy job {}: {} is installed from now on at {} or later", job.jobId(), job.name(),
                        job.minimumVersion());
            }
            emit(job, "DEPLOY_SUCCEEDED", Map.of());
            return job.in(JobState.SUCCEEDED);
        }
        LOG.warn("deploy job {}: {} {} is not healthy ({}); rolling back", job.jobId(), job.name(), job.version(),
                problem.get());
        return job.because(problem.get()).in(JobState.ROLLING_BACK);
    }

    private Job rollBack(Job job) throws IOException {
        try {
            Path previous = job.previousVersion() == null ? null : kept(job.name(), job.previousVersion());
            if (previous != null && Files.exists(previous)) {
                installer.install(previous);
            } else {
                installer.uninstall(job.name());
            }
        } catch (Exception e) {
            return fail(job, "ROLLBACK", "health check failed (" + job.reason() + ") and the rollback failed too: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        Files.deleteIfExists(kept(job.name(), job.version()));
        Files.deleteIfExists(downloaded(job));
        emit(job, "DEPLOY_ROLLED_BACK", Map.of("reason", job.reason(),
                "restored", job.previousVersion() == null ? "none (uninstalled)" : job.previousVersion()));
        return job.in(JobState.ROLLED_BACK);
    }

    private Job uninstallPackage(Job job) throws IOException {
        try {
            installer.uninstall(job.name());
        } catch (Exception e) {
            return fail(job, "UNINSTALL", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        deleteTree(options.workDir().resolve("packages").resolve(job.name()));
        emit(job, "DEPLOY_UNINSTALLED", Map.of());
        return job.in(JobState.UNINSTALLED);
    }

    // keeps only the installed version of the package, to roll back to next time
    private void cleanUp(Job job) throws IOException {
        Files.deleteIfExists(downloaded(job));
        Path dir = options.workDir().resolve("packages").resolve(job.name());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(job.version() + ".dp")) {
                    Files.delete(file);
                }
            }
        }
    }

    private Job fail(Job job, String step, String reason) throws IOException {
        LOG.warn("deploy job {} failed at {}: {}", job.jobId(), step, reason);
        Files.deleteIfExists(downloaded(job));
        Files.deleteIfExists(downloads().resolve(job.jobId() + ".part"));
        emit(job, "DEPLOY_FAILED", Map.of("step", step, "reason", reason));
        return job.because(step + ": " + reason).in(JobState.FAILED);
    }

    private void record(Job job) throws IOException {
        synchronized (lock) {
            jobFile.write(job);
            current = job;
        }
    }

    private void emit(Job job, String type, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobId", job.jobId());
        details.put("name", job.name());
        details.put("version", job.version());
        details.putAll(extra);
        try {
            events.accept(new GatewayEvent(type, clock.instant(), SOURCE, details));
        } catch (RuntimeException e) {
            LOG.error("cannot report {} of deploy job {}", type, job.jobId(), e);
        }
    }

    /** DEPLOY_DOWNLOADING at most every 10 % or 5 s. */
    private final class ProgressReporter {
        private final Job job;
        private long lastBytes = -1;
        private Instant lastTime = Instant.MIN;

        ProgressReporter(Job job) {
            this.job = job;
        }

        void report(long done, long total) {
            Instant now = clock.instant();
            boolean tenPercent = total > 0 && lastBytes >= 0 && (done - lastBytes) * 10 >= total;
            boolean finished = total > 0 && done == total && lastBytes != done;
            if (lastBytes < 0 || tenPercent || finished || !now.isBefore(lastTime.plus(PROGRESS_EVERY))) {
                lastBytes = done;
                lastTime = now;
                emit(job, "DEPLOY_DOWNLOADING", Map.of("bytes", done, "totalBytes", total));
            }
        }
    }

    // ---- files and arguments ----

    private Path downloads() {
        return options.workDir().resolve("downloads");
    }

    private Path downloaded(Job job) {
        return downloads().resolve(job.jobId() + ".dp");
    }

    private Path kept(String name, String version) {
        return options.workDir().resolve("packages").resolve(name).resolve(version + ".dp");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing argument " + name);
        }
        return value.trim();
    }

    private static URI https(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("url must be an https:// URL, not " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getMessage(), e);
        }
    }

    private static String version(String text) {
        try {
            return OsgiVersion.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("version is not an OSGi version: " + e.getMessage(), e);
        }
    }
}
