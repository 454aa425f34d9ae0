package io.weir.site.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code io.weir.site} configuration, written by {@link SiteLoader} from the site file. No defaults: a site
 * has no sensible default identity, and the site file is the one place these values come from.
 */
@ObjectClassDefinition(id = ConfigurationMapper.SITE_PID, name = "Weir site",
        description = "Who and where this gateway is. Written from the site file; edit that file, not this.")
public @interface SiteConfig {

    @AttributeDefinition(name = "Gateway id", description = "Unique id of the gateway, one MQTT topic level:"
            + " [A-Za-z0-9._-]{1,64}")
    String gatewayId();

    @AttributeDefinition(name = "Station code", description = "The station's code in the hydrological or"
            + " city-operations register; the first level of every channel name")
    String stationCode();

    @AttributeDefinition(name = "Station name", description = "Human-readable station name")
    String name();

    @AttributeDefinition(name = "Latitude", description = "WGS-84 degrees", min = "-90", max = "90")
    double latitude();

    @AttributeDefinition(name = "Longitude", description = "WGS-84 degrees", min = "-180", max = "180")
    double longitude();
}
