package io.weir.clock.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The clock component's settings, checked once.
 *
 * @param sources       source names, asked in order
 * @param ntpServer     host of the ntp source; empty for none
 * @param ntpPort       its UDP port
 * @param ntpMaxOffset  how far the clock may be from the server and still count as synchronised
 * @param probeEvery    how often the sources are asked
 * @param stepThreshold the least wall-clock jump that counts as a step
 * @param notBefore     a clock reading earlier than this is never synchronised
 */
record ClockOptions(List<String> sources, String ntpServer, int ntpPort, Duration ntpMaxOffset, Duration probeEvery,
                    Duration stepThreshold, Instant notBefore) {

    static final List<String> KNOWN = List.of("chrony", "timesyncd", "timedatectl", "ntp");

    ClockOptions {
        sources = sources.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        for (String s : sources) {
            if (!KNOWN.contains(s)) {
                throw new IllegalArgumentException("clock source '" + s + "' is not one of " + KNOWN);
            }
        }
        if (sources.contains("ntp") && ntpServer.isBlank()) {
            throw new IllegalArgumentException("clock source ntp needs an ntpServer");
        }
        if (probeEvery.isNegative() || probeEvery.isZero() || stepThreshold.isNegative() || stepThreshold.isZero()) {
            throw new IllegalArgumentException("the probe interval and the step threshold must be positive");
        }
    }

    static ClockOptions of(ClockConfig c) {
        Instant notBefore;
        try {
            notBefore = Instant.parse(c.notBefore());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("clock notBefore '" + c.notBefore() + "' is not an ISO-8601 instant"
                    + " such as 2026-01-01T00:00:00Z", e);
        }
        return new ClockOptions(List.of(c.sources()), c.ntpServer(), c.ntpPort(),
                Duration.ofMillis(c.ntpMaxOffsetMillis()), Duration.ofSeconds(c.probeSeconds()),
                Duration.ofMillis(c.stepThresholdMillis()), notBefore);
    }

    /** The probes of the configured sources, in order. */
    List<SyncProbe> probes(CommandRunner runner) {
        Duration timeout = Duration.ofSeconds(3);
        return sources.stream().map(name -> switch (name) {
            case "chrony" -> ChronyProbe.of(runner, timeout);
            case "timesyncd" -> new TimesyncdProbe(TimesyncdProbe.RUN_DIR);
            case "timedatectl" -> TimedatectlProbe.of(runner, timeout, TimedatectlProbe.SYSTEMD_BOOTED);
            default -> new NtpProbe(ntpServer, ntpPort, ntpMaxOffset, timeout);
        }).toList();
    }
}
