package io.weir.site.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * An in-memory ConfigurationAdmin that behaves like the real one where the site bundle depends on it: new
 * configurations have no properties until their first update, factory configurations with a name get the PID
 * {@code factoryPid~name}, update adds {@code service.pid}, and listConfigurations matches an LDAP filter and
 * skips configurations without properties. It counts updates so tests can see what was left untouched.
 */
final class FakeConfigurationAdmin implements ConfigurationAdmin {

    private final Map<String, FakeConfiguration> configurations = new LinkedHashMap<>();
    private final Map<String, Integer> updates = new HashMap<>();

    /** Properties of a stored configuration, as ConfigAdmin holds them, or null when it has none. */
    Dictionary<String, Object> properties(String pid) {
        FakeConfiguration configuration = configurations.get(pid);
        return configuration == null ? null : configuration.properties;
    }

    /** PIDs of the configurations that have properties. */
    Set<String> pids() {
        var pids = new java.util.TreeSet<String>();
        configurations.forEach((pid, c) -> {
            if (c.properties != null) {
                pids.add(pid);
            }
        });
        return pids;
    }

    int updateCount(String pid) {
        return updates.getOrDefault(pid, 0);
    }

    int totalUpdates() {
        return updates.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A configuration someone else wrote, e.g. the store's. */
    void put(String pid, Map<String, Object> properties) {
        var configuration = new FakeConfiguration(pid, null);
        configuration.properties = withPid(pid, null, properties);
        configurations.put(pid, configuration);
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        return configurations.computeIfAbsent(pid, p -> new FakeConfiguration(p, null));
    }

    @Override
    public Configuration getConfiguration(String pid) {
        return getConfiguration(pid, null);
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        return configurations.computeIfAbsent(factoryPid + "~" + name, p -> new FakeConfiguration(p, factoryPid));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        return getFactoryConfiguration(factoryPid, name, null);
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        throw new UnsupportedOperationException("the site bundle names its factory configurations");
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        throw new UnsupportedOperationException("the site bundle names its factory configurations");
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        Filter parsed = filter == null ? null : FrameworkUtil.createFilter(filter);
        Configuration[] found = configurations.values().stream()
                .filter(c -> c.properties != null && (parsed == null || parsed.match(c.properties)))
                .toArray(Configuration[]::new);
        return found.length == 0 ? null : found; // the specification's "none", which callers must handle
    }

    private static Hashtable<String, Object> withPid(String pid, String factoryPid, Map<String, ?> properties) {
        var stored = new Hashtable<String, Object>(properties);
        stored.put(Constants.SERVICE_PID, pid);
        if (factoryPid != null) {
            stored.put(ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
        }
        return stored;
    }

    private final class FakeConfiguration implements Configuration {

        private final String pid;
        private final String factoryPid;
        private Hashtable<String, Object> properties;
        private long changeCount;

        FakeConfiguration(String pid, String factoryPid) {
            this.pid = pid;
            this.factoryPid = factoryPid;
        }

        @Override
        public String getPid() {
            return pid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return properties == null ? null : new Hashtable<>(properties); // a copy, as the specification says
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            return getProperties();
        }

        @Override
        public void update(Dictionary<String, ?> newProperties) {
            var copy = new HashMap<String, Object>();
            for (var keys = newProperties.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                copy.put(key, newProperties.get(key));
            }
            properties = withPid(pid, factoryPid, copy);
            changeCount++;
            updates.merge(pid, 1, Integer::sum);
        }

        @Override
        public void delete() {
            configurations.remove(pid);
        }

        @Override
        public String getFactoryPid() {
            return factoryPid;
        }

        @Override
        public void update() {
            changeCount++;
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> newProperties) {
            throw new UnsupportedOperationException("not used by the site bundle");
        }

        @Override
        public void setBundleLocation(String location) {
        }

        @Override
        public String getBundleLocation() {
            return ConfigurationApplier.ANY_BUNDLE;
        }

        @Override
        public long getChangeCount() {
            return changeCount;
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attributes) {
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            return Set.of();
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attributes) {
        }
    }
}
