package io.weir.sl651.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway as an SL 651 station reporting to hydrology centres, as the site bundle writes it from the site
 * file's {@code sl651Report} section (PID {@value ReporterComponent#PID}); see docs/configuration.md.
 */
@ObjectClassDefinition(name = "Weir SL 651 station reporting",
        description = "Reports the gateway's channels to up to four SL 651-2014 centres as a compliant RTU")
public @interface ReporterConfig {

    @AttributeDefinition(description = "This station's 10-digit address")
    String stationCode();

    @AttributeDefinition(description = "4 hexadecimal digits; private")
    String _password();

    @AttributeDefinition(description = "Station type byte: 80 (50H) rain, 72 (48H) river, 75 (4BH) reservoir")
    int stationType() default 0x48;

    @AttributeDefinition(description = "Centres as address@host:port, then optionally hex (default) or ascii and"
            + " tcp (default) or udp; at most four")
    String[] centres();

    @AttributeDefinition(description = "Element=channel pairs: Z, ZU, ZB, Q, VT, PJ = a full channel id")
    String[] elements() default {};

    @AttributeDefinition(description = "Full channel id of rain increments (mm since the previous reading)")
    String rainChannel() default "";

    @AttributeDefinition(description = "Minutes between timed reports, a multiple of 5")
    int timedMinutes() default 60;

    @AttributeDefinition(description = "Send an added report for every 5 minutes with rain")
    boolean added() default true;

    @AttributeDefinition(description = "Seconds of quiet before a keep-alive")
    int keepAliveSeconds() default 60;

    @AttributeDefinition(description = "Days the reported values are kept to answer a centre's period query (38H)")
    int historyDays() default 30;

    String zone() default "Asia/Shanghai";
}
