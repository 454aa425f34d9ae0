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

import io.weir.api.Reading;
import io.weir.api.QualityReason;
import io.weir.api.profile.Point;

/**
 * Reads every block of a plan through a transport and turns the answers into readings. A failed block makes all
 * its points BAD and leaves the other blocks alone: COMM_ERROR when the device could not be reached or answered
 * with a device-side fault, CONFIG_ERROR when it refused the request itself (a register it does not have, a
 * function it does not support), because that will not heal by retrying.
 */
final class DevicePoller implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    private final DeviceChannels channels;
    private final int unitId;
    private final ReadPlan plan;
    private final ModbusTransport transport;
    private final Clock clock;
    /** Blocks the device refused on the last poll, so a refusal is logged when it starts and ends, not each poll. */
    private final Set<ReadBlock> refused = new HashSet<>();

    DevicePoller(DeviceChannels channels, int unitId, ReadPlan plan, ModbusTransport transport, Clock clock) {
        this.channels = Objects.requireNonNull(channels, "channels");
        this.unitId = unitId;
        this.plan = Objects.requireNonNull(plan, "plan");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PollResult poll() {
        var readings = new ArrayList<Reading>();
        String commFailure = null;
        for (ReadBlock block : plan.blocks()) {
            ReadResult result = read(block);
            Instant at = clock.instant();
            if (result instanceof ReadResult.Registers registers && registers.values().length < block.count()) {
                result = new ReadResult.CommFailure(ReadResult.CommFailure.Kind.IO, "answer has "
                        + registers.values().length + " registers, " + block.count() + " were asked for");
            }
            noteRefusal(block, result);
            if (result instanceof ReadResult.Registers registers) {
                decodeInto(readings, block, registers.values(), at);
            } else if (result instanceof ReadResult.DeviceException e && e.isConfigurationProblem()) {
                markBad(readings, block, at, QualityReason.CONFIG_ERROR);
            } else {
                markBad(readings, block, at, QualityReason.COMM_ERROR);
                if (commFailure == null) {
                    commFailure = block + ": " + describe(result);
                }
            }
        }
        return new PollResult(readings, commFailure);
    }

    private ReadResult read(ReadBlock block) {
        return block.function() == 3
                ? transport.readHoldingRegisters(unitId, block.address(), block.count())
                : transport.readInputRegisters(unitId, block.address(), block.count());
    }

    private void decodeInto(List<Reading> readings, ReadBlock block, int[] registers, Instant at) {
        for (Point p : block.points()) {
            double value = Decoder.decode(p, registers, p.address() - block.address());
            String channel = channels.channel(p.name());
            // A float32 register pair can hold NaN or infinity (often a sensor's "no value" marker); neither is a
            // measurement, and neither can travel as a JSON number.
            readings.add(Double.isFinite(value)
                    ? Reading.good(channel, at, value, p.unit())
                    : Reading.bad(channel, at, p.unit(), QualityReason.OUT_OF_RANGE));
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
                        + " profile is fixed", channels.deviceId(), block, e.code(), pointNames(block));
            }
        } else if (result instanceof ReadResult.Registers && refused.remove(block)) {
            LOG.info("device {}: {} is answered again", channels.deviceId(), block);
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
