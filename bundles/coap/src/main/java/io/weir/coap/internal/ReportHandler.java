package io.weir.coap.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.GatewayEvent;
import io.weir.api.Reading;

/**
 * Handles one report of one authenticated device, from the checks to the answer. Plain Java: the Californium
 * resource only translates its request into {@link #handle} and the {@link Answer} into a response.
 * <p>
 * The order matters: a refused report (unknown device, flood, too large, malformed) changes nothing; an accepted
 * one is handed to every reading listener before it is answered 2.04, and only then are its commands taken off the
 * queue and its content remembered against re-sends. When a listener fails, the answer is 5.03 and nothing is
 * taken off or remembered, so the device's retry is handled as if the first attempt never happened.
 */
final class ReportHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);

    /** Seconds a device is asked to wait before sending again after a 5.03. */
    static final long STORE_RETRY_SECONDS = 30;

    /**
     * One report as it arrived.
     *
     * @param identity      the PSK identity the DTLS session was made with
     * @param payload       the request body
     * @param contentFormat the Content-Format option; -1 when absent
     * @param confirmable   whether the request was CON (commands only go out in the answer to a CON: the device
     *                      retransmits a CON until it has the answer, so the commands surely reach it)
     */
    record Uplink(String identity, byte[] payload, int contentFormat, boolean confirmable) {
    }

    private final DeviceRegistry registry;
    private final Whiteboard whiteboard;
    private final TiltBaselines baselines;
    private final RateLimiter limiter;
    private final Counters counters;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final SenmlParser parser = new SenmlParser();
    private final ReadingMapper mapper = new ReadingMapper();
    private final CommandCodec codec = new CommandCodec();

    ReportHandler(DeviceRegistry registry, Whiteboard whiteboard, TiltBaselines baselines, RateLimiter limiter,
                  Counters counters, Clock clock, int maxPayloadBytes) {
        this.registry = registry;
        this.whiteboard = whiteboard;
        this.baselines = baselines;
        this.limiter = limiter;
        this.counters = counters;
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    Answer handle(Uplink uplink) {
        Optional<CoapDevice> found = registry.byIdentity(uplink.identity());
        Optional<DeviceState> state = found.flatMap(d -> registry.state(d.deviceId()));
        if (found.isEmpty() || state.isEmpty()) {
            // the session outlived the device (removed from the site file): nobody to store readings for
            counters.unknownIdentity.incrementAndGet();
            LOG.warn("report from identity {} refused 4.01: no such device registered (removed?)",
                    RegistryPskStore.printable(uplink.identity()));
            return Answer.error(Answer.Code.UNAUTHORIZED, "no device with this identity");
        }
        CoapDevice device = found.get();
        switch (limiter.acquire(uplink.identity())) {
            case ALLOWED -> {
            }
            case REFUSED_FIRST -> {
                counters.rateLimited.incrementAndGet();
                LOG.warn("device {}: more than its allowed requests a minute; refusing 4.29 until it slows down"
                        + " (further refusals are only counted)", device.deviceId());
                return tooMany();
            }
            case REFUSED -> {
                counters.rateLimited.incrementAndGet();
                return tooMany();
            }
        }
        if (uplink.payload().length > maxPayloadBytes) {
            // counted and logged with every other 4.13 as it is sent (CaliforniumServer)
            return Answer.error(Answer.Code.REQUEST_ENTITY_TOO_LARGE, "payload over " + maxPayloadBytes + " bytes");
        }
        int format = uplink.contentFormat();
        if (format != SenmlParser.SENML_JSON && format != SenmlParser.SENML_CBOR) {
            counters.unsupportedFormat.incrementAndGet();
            LOG.warn("device {}: report with content format {} refused 4.15; send SenML JSON (110) or CBOR (112)",
                    device.deviceId(), format < 0 ? "none" : format);
            return Answer.error(Answer.Code.UNSUPPORTED_CONTENT_FORMAT, "send application/senml+json (110) or"
                    + " application/senml+cbor (112)");
        }
        Instant now = clock.instant();
        List<SenmlRecord> records;
        try {
            records = parser.parse(uplink.payload(), format, now);
        } catch (MalformedSenml e) {
            counters.malformed.incrementAndGet();
            LOG.warn("device {}: malformed SenML refused 4.00: {}", device.deviceId(), e.getMessage());
            return Answer.error(Answer.Code.BAD_REQUEST, e.getMessage());
        }
        DeviceState s = state.get();
        synchronized (s) {
            return accept(device, s, records, format, uplink.confirmable(), now);
        }
    }

    private Answer accept(CoapDevice device, DeviceState state, List<SenmlRecord> records, int format,
                          boolean confirmable, Instant now) {
        String key = contentKey(records);
        Optional<byte[]> earlier = state.answerTo(key);
        if (earlier.isPresent()) {
            // a re-send under a new message id: kept already; answer as before, commands included
            counters.duplicatesDropped.incrementAndGet();
            LOG.debug("device {}: report already accepted; dropped as a duplicate", device.deviceId());
            state.heard(now);
            return Answer.changed(earlier.get(), format);
        }
        ReadingMapper.Mapped mapped = mapper.map(device, records);
        if (mapped.unmapped() > 0) {
            counters.unmappedRecords.addAndGet(mapped.unmapped());
        }
        var batch = new ArrayList<>(mapped.readings());
        boolean rebaseline = state.rebaselinePending() && mapped.tiltAngle().isPresent();
        OptionalDouble baseline = rebaseline ? mapped.tiltAngle() : baselineOf(device, mapped.tiltAngle());
        if (mapped.tiltAngle().isPresent()) {
            double deviation = Math.abs(mapped.tiltAngle().getAsDouble() - baseline.getAsDouble());
            batch.add(Reading.good(device.channel(CoapProfile.TILT_DEVIATION), mapped.tiltTime(), deviation,
                    device.profile().unitOf(CoapProfile.TILT_DEVIATION)));
        }
        batch.add(new Reading(device.channel(CoapProfile.HEARTBEAT), now, Boolean.TRUE, "", io.weir.api.Quality.GOOD,
                null));
        if (!whiteboard.deliver(device.deviceId(), List.copyOf(batch))) {
            counters.storeFailed.incrementAndGet();
            return Answer.retryLater(Answer.Code.SERVICE_UNAVAILABLE, "readings could not be stored; try again",
                    STORE_RETRY_SECONDS);
        }
        if (mapped.tiltAngle().isPresent() && (rebaseline || baselines.get(device.deviceId()).isEmpty())) {
            baselines.set(device.deviceId(), baseline.getAsDouble());
            state.rebaselineDone();
            LOG.info("device {}: tilt baseline set to {}{}", device.deviceId(), baseline.getAsDouble(),
                    rebaseline ? " (re-baseline)" : " (first report)");
        }
        List<DeviceCommand> commands = confirmable ? state.queued() : List.of();
        byte[] answer = codec.encode(commands, format);
        state.delivered(commands);
        counters.commandsDelivered.addAndGet(commands.size());
        if (!commands.isEmpty()) {
            LOG.info("device {}: sent {} in the answer to its report", device.deviceId(),
                    commands.stream().map(DeviceCommand::name).toList());
        }
        state.accepted(key, answer);
        counters.reportsAccepted.incrementAndGet();
        counters.readingsAccepted.addAndGet(batch.size());
        if (state.heard(now)) {
            LOG.info("device {}: reporting again after being flagged silent", device.deviceId());
            whiteboard.publish(new GatewayEvent("COAP_DEVICE_BACK", now, "coap/" + device.deviceId(),
                    Map.of("device", device.deviceId())));
        }
        return Answer.changed(answer, format);
    }

    /** The stored baseline; the first angle ever reported becomes it (a cover is installed at rest). */
    private OptionalDouble baselineOf(CoapDevice device, OptionalDouble angle) {
        OptionalDouble stored = baselines.get(device.deviceId());
        return stored.isPresent() ? stored : angle;
    }

    private Answer tooMany() {
        return Answer.retryLater(Answer.Code.TOO_MANY_REQUESTS, "too many requests", limiter.retryAfterSeconds());
    }

    /**
     * What makes a report the same report: its resolved records (names, absolute times, units, values), so a
     * re-send with a new message id, or re-encoded, is recognised. Reports with relative times resolve against
     * the time of arrival and so are never the same.
     */
    static String contentKey(List<SenmlRecord> records) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SenmlRecord r : records) {
                sha.update((r.name() + '\u0000' + r.time().toEpochMilli() + '\u0000' + r.unit() + '\u0000'
                        + r.value().getClass().getSimpleName() + ':' + r.value() + '\u0001')
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** For the status: devices flagged silent right now. */
    static Map<String, Object> describe(CoapDevice device, DeviceState state) {
        var m = new LinkedHashMap<String, Object>();
        m.put("device", device.deviceId());
        m.put("lastSeen", state.lastSeen().toString());
        m.put("silent", state.silent());
        m.put("queuedCommands", state.queued().size());
        return m;
    }
}
