package io.weir.console.internal;

import java.util.List;

/**
 * What a technician needs to know first: is anything wrong in the field (site file, devices, store), are all
 * bundles active, are all components satisfied.
 *
 * @param bundles             bundles installed
 * @param notActive           bundles that should be active and are not ({@code name (STATE)})
 * @param components          component configurations known to DS
 * @param active              of those, ACTIVE or SATISFIED
 * @param unsatisfied         configurations not satisfied, each with its reason
 * @param awaitingConfiguration components that need a configuration nobody has given yet (listed only while no
 *                              site configuration is in force)
 * @param concerns            what the field side says is wrong, for a technician: a rejected site file, a silent
 *                            device, a store near its cap
 */
record HealthReport(int bundles, List<String> notActive, int components, int active, List<String> unsatisfied,
                    List<String> awaitingConfiguration, List<String> concerns) {

    HealthReport {
        concerns = List.copyOf(concerns);
    }

    boolean healthy() {
        return notActive.isEmpty() && unsatisfied.isEmpty() && concerns.isEmpty();
    }

    String summary() {
        var s = new StringBuilder();
        s.append(healthy() ? "runtime healthy: " : "runtime NOT healthy: ");
        for (String concern : concerns) {
            s.append(concern).append("; ");
        }
        s.append(bundles - notActive.size()).append('/').append(bundles).append(" bundles ACTIVE, ");
        s.append(active).append('/').append(components).append(" DS components satisfied");
        if (!notActive.isEmpty()) {
            s.append("; bundles not active: ").append(String.join(", ", notActive));
        }
        if (!unsatisfied.isEmpty()) {
            s.append("; unsatisfied: ").append(String.join(", ", unsatisfied));
        }
        if (!awaitingConfiguration.isEmpty()) {
            s.append("; waiting for configuration: ").append(String.join(", ", awaitingConfiguration));
        }
        return s.toString();
    }
}
