package io.weir.site.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A configuration as the site file wants it in ConfigAdmin.
 *
 * @param pid        the PID of a singleton configuration, or the factory PID of a factory configuration
 * @param name       the factory configuration's name (a device or rule id), which keeps its PID stable across
 *                   reloads; {@code null} for a singleton
 * @param properties the properties, {@link ConfigurationMapper#MANAGED} included
 */
public record TargetConfiguration(String pid, String name, Map<String, Object> properties) {

    public TargetConfiguration {
        Objects.requireNonNull(pid, "pid");
        // sorted so that logs and test failures list properties the same way every time
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    static TargetConfiguration singleton(String pid, Map<String, Object> properties) {
        return new TargetConfiguration(pid, null, properties);
    }

    static TargetConfiguration factory(String factoryPid, String name, Map<String, Object> properties) {
        return new TargetConfiguration(factoryPid, Objects.requireNonNull(name, "name"), properties);
    }

    public boolean isFactory() {
        return name != null;
    }

    /** {@code io.weir.site} or {@code io.weir.modbus.device~radar-1}, as the OSGi CM 1.6 specification names them. */
    @Override
    public String toString() {
        return isFactory() ? pid + "~" + name : pid;
    }
}
