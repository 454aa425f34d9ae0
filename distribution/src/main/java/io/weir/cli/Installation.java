package io.weir.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Debian package puts things. Each can be moved with an environment variable (the tests and the CI step
 * use them), so a copy of the tree elsewhere runs the same way.
 *
 * @param home   the runtime: weir-gateway.jar, weir-cli.jar, jvm.options ({@code WEIR_HOME}, /usr/share/weir)
 * @param config site file, profiles, trusted signers, TLS material ({@code WEIR_CONFIG}, /etc/weir)
 * @param state  framework storage, store, rule state ({@code WEIR_STATE}, /var/lib/weir)
 */
record Installation(Path home, Path config, Path state) {

    static final String PROFILES_SUBDIR = "profiles";

    static Installation from(Map<String, String> env) {
        return new Installation(path(env, "WEIR_HOME", "/usr/share/weir"), path(env, "WEIR_CONFIG", "/etc/weir"),
                path(env, "WEIR_STATE", "/var/lib/weir"));
    }

    private static Path path(Map<String, String> env, String name, String fallback) {
        return Path.of(Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).orElse(fallback));
    }

    Path gatewayJar() {
        return home.resolve("weir-gateway.jar");
    }

    Path jvmOptions() {
        return home.resolve("jvm.options");
    }

    /** A technician's additions to the packaged flags; kept across upgrades. */
    Path localJvmOptions() {
        return config.resolve("jvm.options");
    }

    Path siteFile() {
        return config.resolve("site.yaml");
    }

    Path profilesDir() {
        return config.resolve(PROFILES_SUBDIR);
    }
}
