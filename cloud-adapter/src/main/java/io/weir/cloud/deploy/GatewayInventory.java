package io.weir.cloud.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gateway's inventory as last reported, what its deployments should have left there, and how the two differ.
 *
 * @param reportedAt   when the adapter last took a report of it (state message or deploy event)
 * @param stateTs      the gateway's time of the state message the bundles and digest come from (null: none yet)
 * @param packages     deployment package name to version
 * @param bundles      bundle symbolic name to version (empty until a state message carried them)
 * @param configDigest SHA-256 of the site file in force, or null
 * @param expected     per package, the last successful deployment to this gateway
 * @param drift        every difference; empty when the gateway is as deployed
 */
public record GatewayInventory(String gatewayId, Instant reportedAt, Instant stateTs, Map<String, String> packages,
                               Map<String, String> bundles, String configDigest, List<Deployed> expected,
                               List<Drift> drift) {

    public GatewayInventory {
        packages = Map.copyOf(packages);
        bundles = Map.copyOf(bundles);
        expected = List.copyOf(expected);
        drift = List.copyOf(drift);
    }

    public boolean inSync() {
        return drift.isEmpty();
    }

    /** The last successful deployment of a package to the gateway. */
    public record Deployed(String name, String version, String rolloutId, String jobId, Instant succeededAt,
                           String configDigest) {
    }

    /**
     * One difference. {@code expected} and {@code actual} are versions or digests; null when absent.
     */
    public record Drift(Kind kind, String subject, String expected, String actual, String detail) {

        /** What differs. */
        public enum Kind {
            /** A deployed package is gone (uninstalled on the gateway). */
            PACKAGE_MISSING,
            /** A deployed package is at another version. */
            PACKAGE_VERSION,
            /** A bundle of a deployed package is missing or at another version. */
            BUNDLE,
            /** The site file changed since the last successful deployment. */
            CONFIG
        }

        /** True when pushing the deployed version again can repair it. */
        public boolean redeployable() {
            return kind == Kind.PACKAGE_MISSING || kind == Kind.PACKAGE_VERSION;
        }
    }
}
