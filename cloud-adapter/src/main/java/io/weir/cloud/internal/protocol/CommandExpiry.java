package io.weir.cloud.internal.protocol;

import java.time.Clock;
import java.time.Duration;

/**
 * Every command to a gateway says until when it may run ({@code expiresAt}, docs/protocol.md "Commands and
 * replies"): a gateway refuses a command without one or past it, so a command replayed later, or kept by a broker,
 * cannot act. Resent commands get a fresh expiry.
 */
public final class CommandExpiry {

    /** Long enough for a gateway on a slow link to take the command, short enough that a replay is useless. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private CommandExpiry() {
    }

    /** The {@code expiresAt} of a command sent now. */
    public static String from(Clock clock) {
        return clock.instant().plus(LIFETIME).toString();
    }
}
