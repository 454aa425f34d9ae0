package io.weir.site.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code metrics} section of a site file: where the gateway serves its Prometheus metrics and which file
 * holds the token a scrape must carry. Only the fields written are set; the rest keep the metrics bundle's defaults
 * (loopback, port 9089, no token). Like every secret of the site file, the token lives in a file of its own: the
 * configuration carries its path and a stamp, never the token, and a problem never quotes it.
 */
final class MetricsSectionParser {

    static final String METRICS_PID = "io.weir.metrics";
    private static final List<String> FIELDS = List.of("host", "port", "token", "tokenFile");
    private static final int MIN_TOKEN = 16;

    private final Problems problems;
    private final FileFields files;

    MetricsSectionParser(Problems problems, FileFields files) {
        this.problems = problems;
        this.files = files;
    }

    Optional<SectionConfiguration> parse(YamlMap section) {
        section.allowOnly(FIELDS);
        Map<String, Object> p = new LinkedHashMap<>();
        section.optionalText("host").ifPresent(host -> p.put("host", host));
        if (section.value("port").isPresent()) {
            section.requiredInt("port", -1, 65535).ifPresent(port -> p.put("port", port));
        }
        files.refuseInline(section, "token", "tokenFile");
        files.secret(section, "tokenFile").ifPresent(secret -> {
            if (new String(secret.bytes(), StandardCharsets.UTF_8).strip().length() < MIN_TOKEN) {
                problems.add(section.lineOf("tokenFile"), section.field("tokenFile"), "the token in "
                        + secret.file() + " must have at least " + MIN_TOKEN + " characters");
            } else {
                p.put("tokenFile", secret.file().toString());
                p.put("tokenStamp", secret.stamp()); // a rotated token restarts the endpoint with the new one
            }
        });
        return Optional.of(new SectionConfiguration(METRICS_PID, null, p));
    }
}
