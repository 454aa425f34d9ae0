package io.weir.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Weir metrics", description = "Prometheus metrics of the gateway at /metrics")
@interface MetricsConfig {

    @AttributeDefinition(description = "address to listen on; loopback unless a Prometheus on the site network "
            + "scrapes the gateway")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port; 0 picks a free one (logged), -1 turns the endpoint off")
    int port() default 9089;

    @AttributeDefinition(description = "file holding the token every scrape must carry as "
            + "'Authorization: Bearer <token>'; none: scrapes need no token (keep the endpoint on loopback then)")
    String tokenFile() default "";

    @AttributeDefinition(description = "changes when the token file does, so that a rotated token counts at once")
    String tokenStamp() default "";
}
