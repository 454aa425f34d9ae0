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
 */
record Job(String jobId, Kind kind, String name, String version, String url, String sha256, JobState state,
        String previousVersion, List<String> expectedComponents, String reason) {

    enum Kind { INSTALL, UNINSTALL }

    Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        expectedComponents = expectedComponents == null ? List.of() : List.copyOf(expectedComponents);
    }

    Job in(JobState next) {
        return new Job(jobId, kind, name, version, url, sha256, next, previousVersion, expectedComponents, reason);
    }

    Job withPrevious(String previous) {
        return new Job(jobId, kind, name, version, url, sha256, state, previous, expectedComponents, reason);
    }

    Job expecting(List<String> components) {
        return new Job(jobId, kind, name, version, url, sha256, state, previousVersion, components, reason);
    }

    Job because(String why) {
        return new Job(jobId, kind, name, version, url, sha256, state, previousVersion, expectedComponents, why);
    }
}
