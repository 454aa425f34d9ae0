package io.weir.sl651.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The SL 651 centre, as the site bundle writes it from the site file's {@code sl651} section (PID
 * {@value CentreComponent#PID}); see docs/configuration.md. The defaults here are the only ones.
 */
@ObjectClassDefinition(name = "Weir SL 651 centre",
        description = "Takes SL 651-2014 reports from hydrological RTUs over TCP (and UDP)")
public @interface CentreConfig {

    @AttributeDefinition(name = "Site station code", description = "The gateway's station code: first part of"
            + " every channel id")
    String siteStationCode();

    @AttributeDefinition(name = "Bind address", description = "Address to listen on; empty: every interface")
    String bindAddress() default "";

    @AttributeDefinition(name = "TCP port", description = "0: any free port", min = "0", max = "65535")
    int port() default 5651;

    @AttributeDefinition(name = "UDP port", description = "-1: no UDP; 0: any free port", min = "-1", max = "65535")
    int udpPort() default -1;

    @AttributeDefinition(name = "Stations' time zone", description = "Send and observation times are local time")
    String zone() default "Asia/Shanghai";

    @AttributeDefinition(name = "Acknowledgement end marker", description = "ESC: the station stays on line;"
            + " EOT: the station may hang up")
    String ackEnd() default "ESC";

    @AttributeDefinition(name = "Most TCP connections", min = "1")
    int maxConnections() default 20000;

    @AttributeDefinition(name = "Idle timeout (s)", description = "A connection silent this long is closed",
            min = "10")
    int idleTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Worker threads", min = "1", max = "64")
    int workers() default 4;
}
