package io.weir.cloud.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a birth's {@code status.deploy} part says the gateway runs: deployment packages, bundle versions and the
 * SHA-256 of the site file in force (docs/protocol.md "Inventory"). Read leniently: a part that is missing, failed
 * ({@code {"error":..}}) or malformed gives no inventory, and never costs the state message itself.
 *
 * @param bundles    empty when the gateway does not report them
 * @param siteSha256 null when the gateway does not report it
 */
public record DeployInventory(Map<String, String> packages, Map<String, String> bundles, String siteSha256) {
    static final int MAX_ENTRIES = 2000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DeployInventory {
        packages = Map.copyOf(packages);
        bundles = Map.copyOf(bundles);
    }

    /** The inventory in {@code status.deploy} of a birth, or null. */
    static DeployInventory read(JsonNode status) {
        JsonNode deploy = status == null ? null : status.get("deploy");
        if (deploy == null || !deploy.isObject() || deploy.has("error") || !deploy.path("packages").isArray()) {
            return null;
        }
        Map<String, String> packages = new TreeMap<>();
        JsonNode list = deploy.get("packages");
        if (list.size() > MAX_ENTRIES) {
            return null;
        }
        for (JsonNode p : list) {
            String name = p.path("name").asText("");
            String version = p.path("version").asText("");
            if (!NAME.matcher(name).matches() || !VERSION.matcher(version).matches()) {
                return null;
            }
            packages.put(name, version);
        }
        Map<String, String> bundles = new TreeMap<>();
        JsonNode given = deploy.path("bundles");
        if (given.isObject() && given.size() <= MAX_ENTRIES) {
            given.fields().forEachRemaining(e -> {
                if (NAME.matcher(e.getKey()).matches() && e.getValue().isTextual()
                        && VERSION.matcher(e.getValue().asText()).matches()) {
                    bundles.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        String site = deploy.path("siteSha256").asText(null);
        return new DeployInventory(packages, bundles, site != null && SHA256.matcher(site).matches() ? site : null);
    }
}
