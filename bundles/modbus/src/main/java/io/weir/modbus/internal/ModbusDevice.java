package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.time.TimeTrust;

/**
 * One configured Modbus device: polls it on the thread of its link's endpoint, shared with the other devices on
 * that link, and hands every batch of readings to every {@link ReadingListener} service. A device that stops
 * answering on a live link is backed off on its own, so its timeouts do not eat the bus time of its healthy
 * neighbours; while it is backed off its channels read COMM_ERROR without a transaction. A link that is down (the
 * device server refuses or hangs up) is not the device's to back off: the endpoint tries it again within the poll
 * interval, and the device is polled on as usual, so it is read again at the first poll after the link is back.
 *
 * <p>Commanded writes of the profile's writable points go through the same endpoint, ahead of the polls waiting
 * there, and are read back; every transaction, poll or write, is counted in the device's diagnostics.
 */
@Component(configurationPid = ModbusDevice.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ModbusDeviceConfig.class, factory = true)
public final class ModbusDevice {

    static final String PID = "io.weir.modbus.device";

    // A device that does not answer on a live link is asked again after 1 s, 2 s, 4 s ... and then once a minute:
    // quick to notice a device that is back, without spending a shared bus on one that is not.
    private static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
    private static final Duration BACKOFF_MAX = Duration.ofMinutes(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    // A retry waits for idle bus time of its timeout, a tenth more and 20 ms (a silent transaction on a serial line
    // takes about 10 % over its timeout in j2mod), and for at most this many poll intervals: a bus that never idles
    // that long still gets its retries, at the price of one delayed round of polls.
    private static final Duration RETRY_MARGIN = Duration.ofMillis(20);
    private static final int RETRY_MAX_WAIT_INTERVALS = 3;
    // Neighbours that answered within this time count as a live link when a silent device's hint is chosen.
    private static final Duration HINT_WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);

    private final DeviceOptions options;
    private final Clock clock;
    private final Poller poller;
    private final Endpoint endpoint;
    private final Endpoints endpoints; // null when the endpoint is the device's own (tests)
    private final Backoff backoff = new Backoff(BACKOFF_INITIAL, BACKOFF_MAX);
    private final ReadingListeners listeners;
    private final CommState commState = new CommState();
    private final DeviceDiagnostics diagnostics;
    private final DeviceProfile profile; // null when the profile is unusable
    private final WritablePoints writable;
    private final PointWriter writer;
    private final ModbusRegistry registry; // null in tests that do not need one
    private final ModbusTransport link; // the device's measured view of its link; null when the profile is unusable
    private List<Reading> lastFailed = List.of(); // only touched on the endpoint's thread
    private boolean retryPending; // only touched on the endpoint's thread
    private volatile Endpoint.Polling task;

    @Activate
    public ModbusDevice(ModbusDeviceConfig config, @Reference Endpoints endpoints, @Reference ModbusRegistry registry) {
        this(DeviceOptions.from(config), Clock.systemUTC(), endpoints, registry);
    }

    /** A device on the shared endpoint of its link, listed in {@code registry} while it runs. */
    ModbusDevice(DeviceOptions options, Clock clock, Endpoints endpoints, ModbusRegistry registry) {
        this(options, clock, endpoints.of(options), endpoints, registry);
    }

    /** For tests: the link and the poll thread are the caller's, and stopping the device stops both. */
    ModbusDevice(DeviceOptions options, Clock clock, TransportFactory transports, ScheduledExecutorService thread) {
        this(options, clock, new Endpoint("own link of " + options.deviceId(),
                new LazyTransport(() -> transports.open(options, usableProfile(options))),
                thread), null, null);
    }

    /** For tests: the endpoint is the caller's, and stopping the device stops it. */
    ModbusDevice(DeviceOptions options, Clock clock, Endpoint endpoint) {
        this(options, clock, endpoint, null, null);
    }

    private ModbusDevice(DeviceOptions options, Clock clock, Endpoint endpoint, Endpoints endpoints,
                         ModbusRegistry registry) {
        this.options = options;
        this.clock = clock;
        this.endpoint = endpoint;
        this.endpoints = endpoints;
        this.registry = registry;
        this.diagnostics = new DeviceDiagnostics(clock);
        ProfileParser.Outcome outcome = new ProfileParser().parse(options.profileJson());
        if (outcome instanceof ProfileParser.Outcome.Parsed parsed) {
            ModbusTransport link = new MeasuredTransport(
                    endpoint.transport().withTimeout(parsed.profile().timeoutMillis()), diagnostics, System::nanoTime);
            this.profile = parsed.profile();
            this.writable = WritablePoints.of(profile);
            this.writer = new PointWriter(options.deviceId(), options.unitId(), link);
            this.link = link;
            this.poller = new DevicePoller(options.channels(), options.unitId(), ReadPlan.of(parsed.profile()), link,
                    clock, new RegisterNames(parsed.profile().firstRegister()));
            this.listeners = new ReadingListeners(ReportFilter.of(profile.points(), options.channels()));
        } else {
            this.profile = null;
            this.link = null;
            this.writable = WritablePoints.none();
            this.writer = null;
            var invalid = (ProfileParser.Outcome.Invalid) outcome;
            LOG.error("device {}: profile {} is unusable: {}: {}; its channels read CONFIG_ERROR until the profile"
                    + " is fixed", options.deviceId(), options.profileId(), invalid.field(), invalid.problem());
            this.poller = new InvalidProfilePoller(options.channels(), invalid.pointNames(), clock);
            this.listeners = new ReadingListeners(ReportFilter.none());
        }
    }

    /** The profile of a device whose profile parsed; the lazy link is only opened for such a device. */
    private static DeviceProfile usableProfile(DeviceOptions options) {
        return ((ProfileParser.Outcome.Parsed) new ProfileParser().parse(options.profileJson())).profile();
    }

    /**
     * Starts polling once the framework has bound the listeners present at activation, so the first batch is not
     * lost to a listener that was already there.
     */
    @Activate
    void start() {
        if (registry != null) {
            registry.add(this);
        }
        long interval = options.pollInterval().toMillis();
        task = endpoint.every(options.pollInterval(), this::pollOnce);
        LOG.info("device {}: polling unit {} on {} every {} ms", options.deviceId(), options.unitId(), endpoint,
                interval);
    }

    @Deactivate
    void stop() {
        if (registry != null) {
            registry.remove(this);
        }
        if (task != null) {
            task.cancel();
        }
        try {
            awaitPollInProgress();
            if (endpoints != null) {
                endpoints.release(endpoint);
            } else if (!endpoint.shutdown(STOP_WAIT)) {
                LOG.warn("device {}: poll did not end within {}; interrupted it", options.deviceId(), STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A poll already running on the shared thread finishes before the device counts as stopped. */
    private void awaitPollInProgress() throws InterruptedException {
        var done = new CountDownLatch(1);
        try {
            endpoint.execute(done::countDown);
        } catch (RejectedExecutionException e) {
            return; // the endpoint has stopped already
        }
        if (!done.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("device {}: a poll did not end within {}", options.deviceId(), STOP_WAIT);
        }
    }

    /** @param properties the listener's service properties: {@link ReadingListener#READINGS} is read */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReadingListener")
    void addReadingListener(ReadingListener listener, Map<String, Object> properties) {
        listeners.add(listener, properties);
    }

    void removeReadingListener(ReadingListener listener) {
        listeners.remove(listener);
    }

    /** Readings taken while the clock is not synchronised go out UNCERTAIN / CLOCK_UNSYNCED. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetTimeTrust")
    void setTimeTrust(TimeTrust trust) {
        listeners.trust(trust);
    }

    void unsetTimeTrust(TimeTrust trust) {
        listeners.distrust(trust);
    }

    void pollOnce() {
        try {
            Instant now = clock.instant();
            if (retryPending || !backoff.mayAttempt(now)) {
                listeners.deliver(options.deviceId(), restamped(lastFailed, now));
                return;
            }
            if (!backoff.delay().isZero() && profile != null) {
                // a retry of a silent device costs its timeout: it waits for a moment when nobody else is due
                retryPending = true;
                endpoint.executeWhenIdle(Duration.ofMillis(profile.timeoutMillis() * 11L / 10).plus(RETRY_MARGIN),
                        options.pollInterval().multipliedBy(RETRY_MAX_WAIT_INTERVALS), this::retry, task);
                return;
            }
            pollNow();
        } catch (RuntimeException e) {
            // An escaped exception would silently cancel the periodic poll.
            LOG.error("device {}: poll failed", options.deviceId(), e);
        }
    }

    private void retry() {
        retryPending = false;
        try {
            pollNow();
        } catch (RuntimeException e) {
            LOG.error("device {}: poll failed", options.deviceId(), e);
        }
    }

    private void pollNow() {
        Instant now = clock.instant();
        PollResult result = poller.poll();
        diagnostics.communicating(result.commOk());
        String hint = null;
        if (result.commOk() || result.failureKind() == ReadResult.CommFailure.Kind.IO) {
            // a link that is down is the endpoint's to try again, within the poll interval; backing the device off
            // as well would leave it unread for up to a minute after its device server is back
            backoff.succeeded();
        } else {
            backoff.failed(now);
        }
        if (!result.commOk()) {
            lastFailed = result.readings();
            hint = hint(result, now);
        }
        diagnostics.hint(hint);
        logCommChange(result, hint);
        listeners.deliver(options.deviceId(), result.readings());
    }

    String deviceId() {
        return options.deviceId();
    }

    int unitId() {
        return options.unitId();
    }

    /** The endpoint the device polls on, shared with the other devices on its link. */
    Endpoint endpoint() {
        return endpoint;
    }

    /** The device's profile, or empty when it is unusable. */
    java.util.Optional<DeviceProfile> profile() {
        return java.util.Optional.ofNullable(profile);
    }

    /** The name of the device's link, as the endpoint is known (e.g. {@code tcp://10.0.0.5:502}). */
    String link() {
        return endpoint.name();
    }

    DeviceDiagnostics.Snapshot diagnostics() {
        return diagnostics.snapshot(options.deviceId(), options.unitId(), endpoint.name());
    }

    /**
     * Writes {@code value} (an engineering value as an operator types it) to a writable point, ahead of the polls
     * waiting on the device's link, and reads it back. Refusals that need no bus (the point is not writable, the
     * value does not fit) complete at once.
     *
     * @throws IllegalArgumentException when the device has no such point
     */
    CompletableFuture<WriteOutcome> write(String pointName, String value) {
        if (profile == null) {
            return CompletableFuture.completedFuture(WriteOutcome.refusedBeforeSending(deviceId(), pointName, value,
                    WriteOutcome.Result.NOT_WRITABLE, "the device's profile " + options.profileId()
                            + " is unusable; see the gateway log"));
        }
        Point point = profile.points().stream().filter(p -> p.name().equals(pointName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("device " + deviceId() + " has no point '"
                        + pointName + "'; its points: " + profile.points().stream().map(Point::name).toList()));
        PointWriter.Prepared prepared = PointWriter.encode(point, writable.of(point), value);
        if (prepared instanceof PointWriter.Refusal refusal) {
            return CompletableFuture.completedFuture(WriteOutcome.refusedBeforeSending(deviceId(), pointName, value,
                    refusal.result(), refusal.detail()));
        }
        var outcome = new CompletableFuture<WriteOutcome>();
        try {
            endpoint.executeFirst(() -> {
                try {
                    WriteOutcome written = writer.write((PointWriter.Encoded) prepared);
                    LOG.info("device {}: write {} = {}: {}{}", deviceId(), pointName, value, written.result(),
                            written.detail() == null ? "" : " (" + written.detail() + ")");
                    outcome.complete(written);
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.completeExceptionally(new IllegalStateException("device " + deviceId() + " is stopping"));
        }
        return outcome;
    }

    /** The readings of the last failed poll, taken again now: the device is still not being asked. */
    private static List<Reading> restamped(List<Reading> readings, Instant now) {
        return readings.stream()
                .map(r -> new Reading(r.channel(), now, r.value(), r.unit(), r.quality(), r.reason(), r.decimals()))
                .toList();
    }

    /** What to check, judged by how the poll failed and which other units on the link answered lately. */
    private String hint(PollResult result, Instant now) {
        if (result.failureKind() == null || link == null) {
            return null;
        }
        var others = new java.util.TreeSet<>(link.unitsAnsweredSince(now.minus(HINT_WINDOW)));
        others.remove(options.unitId());
        return CommHints.of(result.failureKind(), options.unitId(), others, options);
    }

    private void logCommChange(PollResult result, String hint) {
        switch (commState.update(result)) {
            case FAILING -> LOG.warn("device {} ({} unit {}): communication failing: {}{}", options.deviceId(),
                    endpoint, options.unitId(), result.commFailure(), hint == null ? "" : "; " + hint);
            case OK -> LOG.info("device {} ({} unit {}): communication ok", options.deviceId(), endpoint,
                    options.unitId());
            case NONE -> {
            }
        }
    }
}
