package io.weir.site.internal;

import java.util.Map;

/**
 * A configuration that a site-file section other than devices and rules produces (gpio, for one), already in the
 * PID and property names its bundle reads.
 *
 * @param pid        the PID, or the factory PID when {@code name} is set
 * @param name       the factory configuration's name, unique for its factory PID; null for a singleton
 * @param properties as the consuming bundle's Metatype definition names them
 */
record SectionConfiguration(String pid, String name, Map<String, Object> properties) {

    SectionConfiguration {
        properties = Map.copyOf(properties);
    }
}
