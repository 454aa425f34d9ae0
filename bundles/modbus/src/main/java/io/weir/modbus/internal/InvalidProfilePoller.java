package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.weir.api.QualityReason;
import io.weir.api.Reading;

/**
 * Stands in for a device whose profile cannot be used: every poll reports CONFIG_ERROR on the channels the broken
 * profile still names, so the console and the cloud see at once that the device is misconfigured rather than
 * silent. When no point name can be recovered, one channel {@value #PROFILE_CHANNEL} carries the error; a dash
 * is not allowed in point names, so it never collides with a real point.
 */
final class InvalidProfilePoller implements Poller {

    static final String PROFILE_CHANNEL = "profile-error";

    private final List<String> channels;
    private final Clock clock;

    InvalidProfilePoller(DeviceChannels device, List<String> pointNames, Clock clock) {
        List<String> names = pointNames.isEmpty() ? List.of(PROFILE_CHANNEL) : pointNames;
        this.channels = names.stream().map(device::channel).toList();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PollResult poll() {
        Instant at = clock.instant();
        return new PollResult(channels.stream()
                .map(channel -> Reading.bad(channel, at, "", QualityReason.CONFIG_ERROR))
                .toList(), null);
    }
}
