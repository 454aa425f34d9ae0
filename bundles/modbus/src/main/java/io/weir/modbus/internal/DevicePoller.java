package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Quality;
import io.weir.api.Reading;
import io.weir.api.QualityReason;
import io.weir.api.profile.Point;

/**
 * Reads every block of a plan through a transport and turns the answers into readings. A failed block makes its
 * points BAD and leaves the other blocks alone: COMM_ERROR when the device could not be reached or answered with a
 * device-side fault, CONFIG_ERROR when it refused the request itself, because that will not heal by retrying.
 *
 * <p>A block refused as a range (exception 02 or 03) is split in halves and read again at once, down to the single
 * point the device will not answer: that point reads CONFIG_ERROR and the rest of the block keeps flowing. What was
 * learned is kept: the split blocks replace the refused one and a refused point is not asked for again, so the bus
 * pays for the search once, not every poll. The lesson lasts until the device's configuration changes (the
 * component, and with it this poller, is then created anew).
 *
 * <p>Once a request of a poll times out, the poll's remaining blocks are reported COMM_ERROR without being asked:
 * a dead meter with six blocks costs its bus one timeout per poll, not six.
 */
final class DevicePoller implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    private final DeviceChannels channels;
    private final int unitId;
    private final ModbusTransport transport;
    private final Clock clock;
    private final RegisterNames names;
    /** The plan as learned so far; only the poll thread touches it. */
    private List<ReadBlock> blocks;
    /** Points the device refused on their own: reported CONFIG_ERROR without asking the device again. */
    private final List<Point> refusedPoints = new ArrayList<>();
    /** Blocks refused whole (an unsupported function), so a refusal is logged when it starts and ends. */
    private final Set<ReadBlock> refused = new HashSet<>();
    /** Whether a request of the poll in progress went unanswered. */
    private boolean timedOut;
    /** How the first failed transaction of the poll in progress failed, if one did. */
    private ReadResult.CommFailure.Kind failureKind;

    DevicePoller(DeviceChannels channels, int unitId, ReadPlan plan, ModbusTransport transport, Clock clock) {
        this(channels, unitId, plan, transport, clock, RegisterNames.ZERO_BASED);
    }

    /** @param names how messages name registers: as the device's manual numbers them */
    DevicePoller(DeviceChannels channels, int unitId, ReadPlan plan, ModbusTransport transport, Clock clock,
                 RegisterNames names) {
        this.names = Objects.requireNonNull(names, "names");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.unitId = unitId;
        this.blocks = Objects.requireNonNull(plan, "plan").blocks();
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PollResult poll() {
        var readings = new ArrayList<Reading>();
        Instant now = clock.instant();
        for (Point p : refusedPoints) {
            readings.add(Reading.bad(channels.channel(p.name()), now, p.unit(), QualityReason.CONFIG_ERROR));
        }
        var learned = new ArrayList<ReadBlock>(blocks.size());
        String commFailure = null;
        timedOut = false;
        failureKind = null;
        for (ReadBlock block : blocks) {
            if (timedOut) {
                // a device that let one request time out will not answer the next: asking would cost the bus one
                // more timeout per block, every retry, while the healthy devices on it wait
                learned.add(block);
                markBad(readings, block, clock.instant(), QualityReason.COMM_ERROR);
                continue;
            }
            String failure = poll(block, readings, learned);
            if (commFailure == null) {
                commFailure = failure;
            }
        }
        blocks = List.copyOf(learned);
        return new PollResult(readings, commFailure, commFailure == null ? null : failureKind);
    }

    /** Reads one block into {@code readings}, adds what to read next time to {@code learned}; a comm failure or null. */
    private String poll(ReadBlock block, List<Reading> readings, List<ReadBlock> learned) {
        ReadResult result = read(block);
        Instant at = clock.instant();
        if (result instanceof ReadResult.Registers registers && registers.values().length < block.count()) {
            result = new ReadResult.CommFailure(ReadResult.CommFailure.Kind.IO, "answer has "
                    + registers.values().length + " registers, " + block.count() + " were asked for");
        }
        if (result instanceof ReadResult.Bits bits && bits.values().length < block.count()) {
            result = new ReadResult.CommFailure(ReadResult.CommFailure.Kind.IO, "answer has "
                    + bits.values().length + " bits, " + block.count() + " were asked for");
        }
        if (result instanceof ReadResult.Bits != block.isBits()
                && (result instanceof ReadResult.Bits || result instanceof ReadResult.Registers)) {
            result = new ReadResult.CommFailure(ReadResult.CommFailure.Kind.IO, "answer to " + names.block(block)
                    + " is of the wrong kind");
        }
        if (result instanceof ReadResult.DeviceException e && e.isRefusedRange()) {
            return narrowDown(block, e, readings, learned);
        }
        learned.add(block);
        noteRefusal(block, result);
        if (result instanceof ReadResult.Registers registers) {
            decodeInto(readings, block, registers.values(), at);
            return null;
        }
        if (result instanceof ReadResult.Bits bits) {
            boolean[] values = bits.values();
            for (Point p : block.points()) {
                readings.add(new Reading(channels.channel(p.name()), at, values[p.address() - block.address()],
                        p.unit(), Quality.GOOD, null));
            }
            return null;
        }
        if (result instanceof ReadResult.DeviceException e && e.isConfigurationProblem()) {
            markBad(readings, block, at, QualityReason.CONFIG_ERROR);
            return null;
        }
        markBad(readings, block, at, QualityReason.COMM_ERROR);
        if (result instanceof ReadResult.CommFailure f && failureKind == null) {
            failureKind = f.kind();
        }
        timedOut |= result instanceof ReadResult.CommFailure f && f.kind() == ReadResult.CommFailure.Kind.TIMEOUT;
        return names.block(block) + ": " + describe(result);
    }

    private String narrowDown(ReadBlock block, ReadResult.DeviceException e, List<Reading> readings,
                              List<ReadBlock> learned) {
        List<Integer> holes = holesAmong(block.unusedRegisters(), block.function());
        if (!holes.isEmpty()) {
            LOG.warn("device {}: {} refused with Modbus exception {}: registers {} are holes in its map; reading"
                    + " around them from now on", channels.deviceId(), names.block(block), e.code(), names.list(holes));
            String failure = null;
            for (ReadBlock part : block.around(holes)) {
                String f = poll(part, readings, learned);
                failure = failure == null ? f : failure;
            }
            return failure;
        }
        if (block.points().size() > 1) {
            LOG.warn("device {}: {} refused with Modbus exception {}; reading it in smaller blocks to find the"
                    + " register it does not answer", channels.deviceId(), names.block(block), e.code());
            String failure = null;
            for (ReadBlock half : block.halves()) {
                String f = poll(half, readings, learned);
                failure = failure == null ? f : failure;
            }
            return failure;
        }
        Point p = block.points().get(0);
        refusedPoints.add(p);
        LOG.error("device {}: point {} ({}) refused with Modbus exception {}; it reads CONFIG_ERROR until the profile"
                + " or the device is fixed, and is not asked for again", channels.deviceId(), p.name(),
                names.block(block), e.code());
        readings.add(Reading.bad(channels.channel(p.name()), clock.instant(), p.unit(), QualityReason.CONFIG_ERROR));
        return null;
    }

    /**
     * Asks for each of the registers a bridged read crossed, one at a time: those the device refuses are holes.
     * Done once per refused block, and only for registers no point uses.
     */
    private List<Integer> holesAmong(List<Integer> unused, int function) {
        var holes = new ArrayList<Integer>();
        for (int register : unused) {
            ReadResult probe = read(new ReadBlock(function, register, 1, List.of()));
            if (probe instanceof ReadResult.DeviceException refusal && refusal.isRefusedRange()) {
                holes.add(register);
            }
        }
        return holes;
    }

    private ReadResult read(ReadBlock block) {
        return switch (block.function()) {
            case 1 -> transport.readCoils(unitId, block.address(), block.count());
            case 2 -> transport.readDiscreteInputs(unitId, block.address(), block.count());
            case 3 -> transport.readHoldingRegisters(unitId, block.address(), block.count());
            default -> transport.readInputRegisters(unitId, block.address(), block.count());
        };
    }

    private void decodeInto(List<Reading> readings, ReadBlock block, int[] registers, Instant at) {
        for (Point p : block.points()) {
            Object value = Decoder.value(p, registers, p.address() - block.address());
            String channel = channels.channel(p.name());
            // A float register pair can hold NaN or infinity (often a sensor's "no value" marker); neither is a
            // measurement, and neither can travel as a JSON number.
            readings.add(value instanceof Double d && !Double.isFinite(d)
                    ? Reading.bad(channel, at, p.unit(), QualityReason.OUT_OF_RANGE)
                    : new Reading(channel, at, value, p.unit(), Quality.GOOD, null, p.decimals()));
        }
    }

    private void markBad(List<Reading> readings, ReadBlock block, Instant at, QualityReason reason) {
        for (Point p : block.points()) {
            readings.add(Reading.bad(channels.channel(p.name()), at, p.unit(), reason));
        }
    }

    private void noteRefusal(ReadBlock block, ReadResult result) {
        if (result instanceof ReadResult.DeviceException e && e.isConfigurationProblem()) {
            if (refused.add(block)) {
                LOG.error("device {}: {} refused with Modbus exception {}; points {} read CONFIG_ERROR until the"
                        + " profile is fixed", channels.deviceId(), names.block(block), e.code(), pointNames(block));
            }
        } else if (result instanceof ReadResult.Registers && refused.remove(block)) {
            LOG.info("device {}: {} is answered again", channels.deviceId(), names.block(block));
        }
    }

    private static List<String> pointNames(ReadBlock block) {
        return block.points().stream().map(Point::name).toList();
    }

    private static String describe(ReadResult result) {
        if (result instanceof ReadResult.CommFailure f) {
            return f.kind() + " " + f.detail();
        }
        if (result instanceof ReadResult.DeviceException e) {
            return "Modbus exception " + e.code();
        }
        return String.valueOf(result);
    }
}
