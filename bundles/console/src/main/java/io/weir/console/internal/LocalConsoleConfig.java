package io.weir.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Weir local console", description = "The technician's HTTP API on the gateway: live"
        + " values, status, health and the gateway's commands, with no internet")
@interface LocalConsoleConfig {

    @AttributeDefinition(name = "Address", description = "Interface to listen on: 127.0.0.1 for the gateway only,"
            + " the site network's address (or 0.0.0.0) for a technician's laptop")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535", description = "TCP port; 0 picks a free one")
    int port() default 8089;

    @AttributeDefinition(name = "Bearer token", description = "When set, every request must carry"
            + " 'Authorization: Bearer <token>'; set it whenever the address is not 127.0.0.1")
    String _token() default "";

    @AttributeDefinition(name = "Unanswered polls", min = "1", description = "A configured device that has not"
            + " answered this many polls in a row makes the gateway unhealthy (console, state message, log)")
    int unansweredPolls() default 3;
}
