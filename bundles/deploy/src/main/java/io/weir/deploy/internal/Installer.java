package io.weir.deploy.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the agent needs of Deployment Admin: a small interface, so that the agent's core is plain Java. */
interface Installer {

    /**
     * Installs (or updates to) the package in {@code file}; Deployment Admin undoes a failed install by itself.
     *
     * @throws Exception saying why the install failed
     */
    void install(Path file) throws Exception;

    void uninstall(String name) throws Exception;

    /** Installed packages: symbolic name to version. */
    Map<String, String> installed();

    default Optional<String> versionOf(String name) {
        return Optional.ofNullable(installed().get(name));
    }

    /** Symbolic names of the bundles of installed package {@code name}. */
    List<String> bundlesOf(String name);
}
