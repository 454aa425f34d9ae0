package io.weir.site.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the site file and the device profiles are. Relative paths are relative to the gateway's working
 * directory.
 *
 * @param siteFile    the site file
 * @param profilesDir the directory of device profiles
 */
record SiteLocations(Path siteFile, Path profilesDir) {

    static final String SITE_FILE_PROPERTY = "weir.site.file";
    static final String DEFAULT_SITE_FILE = "conf/site.yaml";
    static final String PROFILES_DIR_PROPERTY = "weir.profiles.dir";
    static final String DEFAULT_PROFILES_DIR = "conf/profiles";

    SiteLocations {
        Objects.requireNonNull(siteFile, "siteFile");
        Objects.requireNonNull(profilesDir, "profilesDir");
    }

    /**
     * @param properties framework properties; {@code BundleContext::getProperty} falls back to system properties,
     *                   so {@code -Dweir.site.file=...} works as docs/configuration.md promises
     */
    static SiteLocations from(UnaryOperator<String> properties) {
        return new SiteLocations(Path.of(valueOr(properties.apply(SITE_FILE_PROPERTY), DEFAULT_SITE_FILE)),
                Path.of(valueOr(properties.apply(PROFILES_DIR_PROPERTY), DEFAULT_PROFILES_DIR)));
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
