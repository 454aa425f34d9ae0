package io.weir.deploy.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Weir's resources land: {@code profiles/<id>.yaml} in the profile directory the site bundle reads
 * ({@code weir.profiles.dir}, default {@code conf/profiles}), {@code site/site.yaml} as the site file
 * ({@code weir.site.file}, default {@code conf/site.yaml}). The site bundle watches both and reloads.
 */
record ResourceTargets(Path profilesDir, Path siteFile) {

    // a profile id as the site bundle accepts one; no path separators, so nothing lands outside the directory
    private static final Pattern PROFILE = Pattern.compile("profiles/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\\.yaml");
    static final String SITE = "site/site.yaml";

    static ResourceTargets from(UnaryOperator<String> properties) {
        return new ResourceTargets(Path.of(valueOr(properties.apply("weir.profiles.dir"), "conf/profiles")),
                Path.of(valueOr(properties.apply("weir.site.file"), "conf/site.yaml")));
    }

    /** The file resource {@code name} installs to; empty when this processor does not take such a resource. */
    Optional<Path> of(String name) {
        if (SITE.equals(name)) {
            return Optional.of(siteFile);
        }
        Matcher m = PROFILE.matcher(name);
        if (m.matches() && !m.group(1).contains("..")) {
            return Optional.of(profilesDir.resolve(m.group(1) + ".yaml"));
        }
        return Optional.empty();
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
