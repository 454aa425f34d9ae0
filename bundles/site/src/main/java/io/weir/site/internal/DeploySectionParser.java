package io.weir.site.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the site file's {@code deploy} section: what the deploy agent trusts (the signers of packages, the CAs of
 * package servers), how large a package may be, and the lowest version of each package it installs. Trust lives in
 * files on the gateway: a package may replace the site file, never these files.
 */
final class DeploySectionParser {

    static final String PID = "io.weir.deploy";
    private static final List<String> FIELDS = List.of("trustedSigners", "caFile", "maxPackageMiB", "maxEntryMiB",
            "maxExpandedMiB", "maxManifestKiB", "maxEntries", "minimumVersions", "healthTimeout",
            "expectedComponents", "downloadTimeout");
    /** An OSGi version: major[.minor[.micro[.qualifier]]]. */
    static final Pattern VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}(\\.\\d{1,9}(\\.[A-Za-z0-9_-]+)?)?)?");
    private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final Problems problems;
    private final FileFields files;

    DeploySectionParser(Problems problems, FileFields files) {
        this.problems = problems;
        this.files = files;
    }

    Optional<SectionConfiguration> parse(YamlMap map) {
        int before = problems.list().size();
        map.allowOnly(FIELDS);
        Map<String, Object> p = new LinkedHashMap<>();
        files.directory(map, "trustedSigners").ifPresent(dir -> p.put("trustedCertificates", dir.toString()));
        files.certificates(map, "caFile").ifPresent(ca -> p.put("httpsCaFile", ca.toString()));
        limit(map, "maxPackageMiB", 4096, p);
        limit(map, "maxEntryMiB", 4096, p);
        limit(map, "maxExpandedMiB", 65536, p);
        limit(map, "maxManifestKiB", 65536, p);
        limit(map, "maxEntries", 1_000_000, p);
        seconds(map, "healthTimeout", "healthTimeoutSeconds", p);
        seconds(map, "downloadTimeout", "downloadTimeoutSeconds", p);
        List<String> minimums = new ArrayList<>();
        map.optionalMap("minimumVersions").ifPresent(versions -> {
            for (String name : versions.keys()) {
                if (!PACKAGE_NAME.matcher(name).matches()) {
                    problems.add(versions.lineOf(name), versions.field(name), "is not a package's symbolic name");
                }
                versions.requiredText(name).filter(version -> {
                    if (VERSION.matcher(version).matches()) {
                        return true;
                    }
                    problems.add(versions.lineOf(name), versions.field(name), "'" + version + "' is not an OSGi "
                            + "version: major[.minor[.micro[.qualifier]]]");
                    return false;
                }).ifPresent(version -> minimums.add(name + ":" + version));
            }
        });
        if (!minimums.isEmpty()) {
            p.put("minimumVersions", minimums.toArray(String[]::new));
        }
        List<String> components = new ArrayList<>();
        for (YamlMap.Element element : map.list("expectedComponents", false)) {
            map.text(element).ifPresent(components::add);
        }
        if (!components.isEmpty()) {
            p.put("expectedComponents", components.toArray(String[]::new));
        }
        return problems.list().size() == before ? Optional.of(new SectionConfiguration(PID, null, p))
                : Optional.empty();
    }

    private static void limit(YamlMap map, String field, int max, Map<String, Object> p) {
        if (map.keys().contains(field)) {
            map.requiredInt(field, 1, max).ifPresent(value -> p.put(field, value));
        }
    }

    private void seconds(YamlMap map, String field, String property, Map<String, Object> p) {
        map.duration(field, false).filter(d -> {
            if (d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0) {
                return true;
            }
            problems.add(map.lineOf(field), map.field(field), "must be 1s .. 1h");
            return false;
        }).ifPresent(d -> p.put(property, (int) d.toSeconds()));
    }
}
