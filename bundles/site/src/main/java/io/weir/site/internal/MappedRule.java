package io.weir.site.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A checked rule of a kind the rules bundle reads straight from its properties (rainfall, water-level,
 * rate-of-rise, fault, composite).
 *
 * @param id         unique in the site
 * @param factoryPid the rules bundle's factory PID for the kind
 * @param properties the configuration properties, as docs/configuration.md lists them
 */
public record MappedRule(String id, String factoryPid, Map<String, Object> properties) implements SiteRule {

    public MappedRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(factoryPid, "factoryPid");
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }
}
