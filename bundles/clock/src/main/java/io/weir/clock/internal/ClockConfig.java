package io.weir.clock.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Weir clock",
        description = "Whether the system clock is synchronised; readings taken while it is not are marked "
                + "UNCERTAIN / CLOCK_UNSYNCED")
@interface ClockConfig {

    @AttributeDefinition(name = "Sources",
            description = "Asked in order; the first that can answer decides: chrony (chronyc tracking), timesyncd "
                    + "(/run/systemd/timesync/synchronized), timedatectl (NTPSynchronized), ntp (asks ntpServer). "
                    + "With none that can answer, the clock is trusted unless it reads a time before notBefore.")
    String[] sources() default {"chrony", "timesyncd", "timedatectl"};

    @AttributeDefinition(name = "NTP server", description = "Host the ntp source asks; empty: no ntp source")
    String ntpServer() default "";

    @AttributeDefinition(name = "NTP port", min = "1", max = "65535")
    int ntpPort() default 123;

    @AttributeDefinition(name = "NTP tolerance (ms)", min = "1",
            description = "The ntp source calls the clock synchronised when it is within this of the server")
    long ntpMaxOffsetMillis() default 1000;

    @AttributeDefinition(name = "Probe interval (s)", min = "1",
            description = "How often the sources are asked (and at once after a clock step)")
    long probeSeconds() default 30;

    @AttributeDefinition(name = "Step threshold (ms)", min = "10",
            description = "A wall-clock jump beyond elapsed (monotonic) time of at least this much is a clock step")
    long stepThresholdMillis() default 1000;

    @AttributeDefinition(name = "Not before",
            description = "ISO-8601 instant: a clock reading earlier than this is never synchronised (a Raspberry "
                    + "Pi without a real-time clock starts in 1970)")
    String notBefore() default "2026-01-01T00:00:00Z";
}
