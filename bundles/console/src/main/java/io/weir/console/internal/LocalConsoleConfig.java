package io.weir.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Weir local console", description = "The technician's HTTP API on the gateway: live"
        + " values, status, health and the gateway's commands, with no internet. Every request needs a token.")
@interface LocalConsoleConfig {

    @AttributeDefinition(name = "Address", description = "Interface to listen on: 127.0.0.1 for the gateway only,"
            + " the site network's address (or 0.0.0.0) for a technician's laptop")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535", description = "TCP port; 0 picks a free one")
    int port() default 8089;

    @AttributeDefinition(name = "Token file", description = "File of the tokens that may use the console, one per"
            + " line as 'token' or 'name token' (mode 600); empty for console.token beside the site file. No token"
            + " is built in: without this file every request is refused.")
    String tokenFile() default "";

    @AttributeDefinition(name = "Allowed host names", description = "Host names a technician may reach the console"
            + " by, besides its addresses and localhost (e.g. gw-yx-001.local); any other Host is refused")
    String[] allowedHosts() default {};

    @AttributeDefinition(name = "Retry (s)", min = "1", max = "3600", description = "When the port is taken, how"
            + " long to wait before trying again")
    int retrySeconds() default 30;

    @AttributeDefinition(name = "Unanswered polls", min = "1", description = "A configured device that has not"
            + " answered this many polls in a row makes the gateway unhealthy (console, state message, log)")
    int unansweredPolls() default 3;
}
