package io.weir.site.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code metrics} section of a site file: where the gateway serves its Prometheus metrics and whether a
 * scrape needs a token. Only the fields written are set; the rest keep the metrics bundle's defaults (loopback,
 * port 9089, no token). A problem never quotes the token.
 */
final class MetricsSectionParser {

    static final String METRICS_PID = "io.weir.metrics";
    private static final List<String> FIELDS = List.of("host", "port", "token", "tokenFile");
    private static final int MIN_TOKEN = 16;

    private final Problems problems;
    private final Path siteDir;

    MetricsSectionParser(Problems problems, Path siteDir) {
        this.problems = problems;
        this.siteDir = siteDir;
    }

    Optional<SectionConfiguration> parse(YamlMap section) {
        section.allowOnly(FIELDS);
        Map<String, Object> p = new LinkedHashMap<>();
        section.optionalText("host").ifPresent(host -> p.put("host", host));
        if (section.value("port").isPresent()) {
            section.requiredInt("port", -1, 65535).ifPresent(port -> p.put("port", port));
        }
        boolean inline = section.keys().contains("token");
        boolean file = section.keys().contains("tokenFile");
        if (inline && file) {
            problems.add(section.lineOf("tokenFile"), section.field("tokenFile"), "give token or tokenFile, not both");
        } else if (inline || file) {
            String field = inline ? "token" : "tokenFile";
            Optional<String> token = inline ? section.requiredText("token")
                    : section.requiredText("tokenFile").flatMap(name -> read(section, siteDir.resolve(name)));
            token.ifPresent(t -> {
                if (t.length() < MIN_TOKEN) {
                    problems.add(section.lineOf(field), section.field(field), "the token must have at least "
                            + MIN_TOKEN + " characters");
                } else {
                    p.put(".token", t);
                }
            });
        }
        return Optional.of(new SectionConfiguration(METRICS_PID, null, p));
    }

    private Optional<String> read(YamlMap section, Path path) {
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            problems.add(section.lineOf("tokenFile"), section.field("tokenFile"), "cannot read " + path + ": "
                    + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
