package io.weir.site.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code clock} section of a site file: which sources say whether the system clock is synchronised, and
 * when a clock reading is a step or too early to be true. Only the fields written are set; the rest keep the
 * clock bundle's defaults.
 */
final class ClockSectionParser {

    static final String CLOCK_PID = "io.weir.clock";

    private static final List<String> FIELDS = List.of("sources", "ntpServer", "ntpPort", "ntpTolerance",
            "probeInterval", "stepThreshold", "notBefore");
    private static final List<String> SOURCES = List.of("chrony", "timesyncd", "timedatectl", "ntp");

    private final Problems problems;

    ClockSectionParser(Problems problems) {
        this.problems = problems;
    }

    Optional<SectionConfiguration> parse(YamlMap section) {
        section.allowOnly(FIELDS);
        Map<String, Object> p = new LinkedHashMap<>();
        var sources = new ArrayList<String>();
        for (YamlMap.Element element : section.list("sources", false)) {
            section.text(element).ifPresent(name -> {
                if (!SOURCES.contains(name)) {
                    problems.add(element.node(), element.path(), "'" + name + "' is not one of "
                            + String.join(", ", SOURCES));
                } else if (sources.contains(name)) {
                    problems.add(element.node(), element.path(), "'" + name + "' is listed twice");
                } else {
                    sources.add(name);
                }
            });
        }
        if (section.value("sources").isPresent()) {
            p.put("sources", sources.toArray(String[]::new));
        }
        Optional<String> server = section.optionalText("ntpServer");
        server.ifPresent(host -> p.put("ntpServer", host));
        if (sources.contains("ntp") && server.isEmpty()) {
            problems.add(section.lineOf("sources"), section.field("sources"), "ntp needs an ntpServer to ask");
        }
        if (server.isPresent() && !sources.contains("ntp")) {
            problems.add(section.lineOf("ntpServer"), section.field("ntpServer"),
                    "is asked only when sources lists ntp");
        }
        if (section.value("ntpPort").isPresent()) {
            section.requiredInt("ntpPort", 1, 65535).ifPresent(port -> p.put("ntpPort", port));
        }
        atLeast(section, "ntpTolerance", Duration.ofMillis(1))
                .ifPresent(d -> p.put("ntpMaxOffsetMillis", d.toMillis()));
        atLeast(section, "probeInterval", Duration.ofSeconds(1)).ifPresent(d -> p.put("probeSeconds", d.toSeconds()));
        atLeast(section, "stepThreshold", Duration.ofMillis(10))
                .ifPresent(d -> p.put("stepThresholdMillis", d.toMillis()));
        section.optionalText("notBefore").ifPresent(text -> {
            try {
                p.put("notBefore", Instant.parse(text).toString());
            } catch (DateTimeParseException e) {
                problems.add(section.lineOf("notBefore"), section.field("notBefore"), "'" + text
                        + "' is not an instant such as 2026-01-01T00:00:00Z");
            }
        });
        return Optional.of(new SectionConfiguration(CLOCK_PID, null, p));
    }

    private Optional<Duration> atLeast(YamlMap section, String key, Duration min) {
        return section.duration(key, false).filter(d -> {
            if (d.compareTo(min) >= 0) {
                return true;
            }
            problems.add(section.lineOf(key), section.field(key), "must be at least "
                    + (min.toMillis() >= 1000 ? min.toSeconds() + "s" : min.toMillis() + "ms"));
            return false;
        });
    }
}
