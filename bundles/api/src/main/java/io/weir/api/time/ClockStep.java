package io.weir.api.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The wall clock jumped: it moved by {@code jump} more than the monotonic clock did (a synchronisation setting the
 * time, a technician's {@code date -s}, a bad RTC). Positive jumps are forward.
 *
 * @param at   the wall-clock time just after the step, as the gateway noticed it
 * @param jump how far the wall clock moved beyond elapsed time
 */
public record ClockStep(Instant at, Duration jump) {

    public ClockStep {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(jump, "jump");
    }
}
