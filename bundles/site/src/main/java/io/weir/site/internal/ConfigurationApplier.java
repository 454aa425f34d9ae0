package io.weir.site.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Brings ConfigAdmin in line with the target configurations: creates what is missing, updates only what changed,
 * and deletes the managed configurations no longer wanted. An untouched configuration does not restart the
 * components that use it.
 */
final class ConfigurationApplier {

    /** Any bundle may use these configurations ("?" is the multi-location region that matches every bundle). */
    static final String ANY_BUNDLE = "?";

    /** Properties ConfigAdmin adds itself; they are not part of what the site file says. */
    private static final Set<String> ADDED_BY_CONFIG_ADMIN = Set.of(Constants.SERVICE_PID,
            ConfigurationAdmin.SERVICE_FACTORYPID, ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    private final ConfigurationAdmin configAdmin;

    ConfigurationApplier(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /**
     * @throws IOException when ConfigAdmin cannot store a change; what was applied before it stays applied, and
     *                     the next reload finishes the work
     */
    ApplyReport apply(List<TargetConfiguration> targets) throws IOException {
        var created = new ArrayList<String>();
        var updated = new ArrayList<String>();
        var unchanged = new ArrayList<String>();
        var wanted = new HashSet<String>();
        for (TargetConfiguration target : targets) {
            Configuration configuration = target.isFactory()
                    ? configAdmin.getFactoryConfiguration(target.pid(), target.name(), ANY_BUNDLE)
                    : configAdmin.getConfiguration(target.pid(), ANY_BUNDLE);
            wanted.add(configuration.getPid());
            Dictionary<String, Object> current = configuration.getProperties();
            if (current == null) {
                configuration.update(new Hashtable<>(target.properties()));
                created.add(configuration.getPid());
            } else if (!sameProperties(current, target.properties())) {
                configuration.update(new Hashtable<>(target.properties()));
                updated.add(configuration.getPid());
            } else {
                unchanged.add(configuration.getPid());
            }
        }
        // deleted after the updates: a renamed device briefly exists twice rather than not at all
        var deleted = new ArrayList<String>();
        for (Configuration configuration : managedConfigurations()) {
            if (!wanted.contains(configuration.getPid())) {
                deleted.add(configuration.getPid());
                configuration.delete();
            }
        }
        return new ApplyReport(created, updated, unchanged, deleted);
    }

    private List<Configuration> managedConfigurations() throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + ConfigurationMapper.MANAGED + "=true)");
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the managed-configuration filter is malformed", e);
        }
    }

    static boolean sameProperties(Dictionary<String, Object> current, Map<String, Object> target) {
        Map<String, Object> stored = new HashMap<>();
        for (var keys = current.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!ADDED_BY_CONFIG_ADMIN.contains(key)) {
                stored.put(key, current.get(key));
            }
        }
        if (!stored.keySet().equals(target.keySet())) {
            return false;
        }
        // deepEquals and not equals: a property may be an array, and a retyped value (Integer vs Long) is a change
        return target.entrySet().stream().allMatch(e -> Objects.deepEquals(e.getValue(), stored.get(e.getKey())));
    }
}
