package io.weir.deploy.internal;

import java.util.List;
import java.util.Objects;

/**
 * One deploy job, as the job file keeps it. Immutable: each step writes a new one.
 *
 * @param kind INSTALL or UNINSTALL
 * @param version the package version to install; for an uninstall, the version that was installed (may be null)
 * @param previousVersion the version installed before this job's install, to roll back to; null for none
 * @param expectedComponents the components the health check waits for, fixed once the package is verified
 * @param minimumVersion the package's signed Weir-Minimum-Version, once verified; null for none
 * @param restarts how many times the gateway restarted while the job was in its current state: a package that
 *        brings the gateway down (out of memory, say) fails for good instead of taking it down at every start
 */
record Job(String jobId, Kind kind, String name, String version, String url, String sha256, JobState state,
        String previousVersion, List<String> expectedComponents, String reason, String minimumVersion,
        int restarts) {

    enum Kind { INSTALL, UNINSTALL }

    Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        expectedComponents = expectedComponents == null ? List.of() : List.copyOf(expectedComponents);
    }

    /** A new job, accepted. */
    static Job accepted(String jobId, Kind kind, String name, String version, String url, String sha256) {
        return new Job(jobId, kind, name, version, url, sha256, JobState.ACCEPTED, null, List.of(), null, null, 0);
    }

    /** The next state; the restart count starts again there. */
    Job in(JobState next) {
        return new Job(jobId, kind, name, version, url, sha256, next, previousVersion, expectedComponents, reason,
                minimumVersion, 0);
    }

    Job withPrevious(String previous) {
        return new Job(jobId, kind, name, version, url, sha256, state, previous, expectedComponents, reason,
                minimumVersion, restarts);
    }

    Job expecting(List<String> components, String minimum) {
        return new Job(jobId, kind, name, version, url, sha256, state, previousVersion, components, reason, minimum,
                restarts);
    }

    Job because(String why) {
        return new Job(jobId, kind, name, version, url, sha256, state, previousVersion, expectedComponents, why,
                minimumVersion, restarts);
    }

    Job restarted() {
        return new Job(jobId, kind, name, version, url, sha256, state, previousVersion, expectedComponents, reason,
                minimumVersion, restarts + 1);
    }
}
