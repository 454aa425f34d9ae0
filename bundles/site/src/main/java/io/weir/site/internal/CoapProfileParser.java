package io.weir.site.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one CoAP device profile file (format in docs/configuration.md, schema in
 * device-profiles/src/main/resources/coap-profile.schema.json), checking the same rules as the schema plus what
 * a schema cannot say (unique names, id = file name, tiltAngle naming a point). Every problem has its file, line
 * and field.
 */
final class CoapProfileParser {

    /** SenML names (RFC 8428 section 4.5.1). */
    static final Pattern SENML_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:./-]*");
    static final int MAX_POINTS = 64;
    private static final List<String> FIELDS = List.of("id", "protocol", "manufacturer", "model", "reportInterval",
            "tiltAngle", "points");
    private static final List<String> POINT_FIELDS = List.of("name", "senml", "unit", "senmlUnit", "scale", "offset");
    private static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofHours(1);

    Parsed<CoapProfile> parse(Path file) {
        var problems = new Problems(file.getFileName().toString());
        String expectedId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Optional<CoapProfile> profile = YamlFile.compose(file, problems)
                .flatMap(root -> YamlMap.of(root, "", problems))
                .flatMap(map -> profile(map, expectedId, problems));
        return problems.isEmpty() ? Parsed.of(profile.orElseThrow()) : Parsed.failed(problems.list());
    }

    private Optional<CoapProfile> profile(YamlMap map, String expectedId, Problems problems) {
        map.allowOnly(FIELDS);
        Optional<String> id = map.requiredText("id", ProfileParser.PROFILE_ID).filter(text -> {
            if (text.equals(expectedId)) {
                return true;
            }
            problems.add(map.lineOf("id"), map.field("id"), "'" + text + "' must be the file name without .yaml ('"
                    + expectedId + "')");
            return false;
        });
        map.requiredText("protocol").ifPresent(p -> {
            if (!p.equals("coap-senml")) {
                problems.add(map.lineOf("protocol"), map.field("protocol"), "'" + p + "' is not coap-senml");
            }
        });
        Optional<String> manufacturer = map.requiredText("manufacturer");
        Optional<String> model = map.requiredText("model");
        Duration interval = map.duration("reportInterval", false).filter(d -> {
            if (d.compareTo(Duration.ofSeconds(10)) >= 0) {
                return true;
            }
            problems.add(map.lineOf("reportInterval"), map.field("reportInterval"), "is shorter than 10s");
            return false;
        }).orElse(DEFAULT_REPORT_INTERVAL);
        var points = new ArrayList<CoapPoint>();
        var names = new HashSet<String>();
        List<YamlMap.Element> elements = map.list("points", true);
        if (map.value("points").isPresent() && (elements.isEmpty() || elements.size() > MAX_POINTS)) {
            problems.add(map.lineOf("points"), map.field("points"), "needs 1.." + MAX_POINTS + " points, has "
                    + elements.size());
        }
        for (YamlMap.Element element : elements) {
            YamlMap.of(element.node(), element.path(), problems).flatMap(p -> point(p, problems)).ifPresent(p -> {
                if (!names.add(p.name())) {
                    problems.add(element.node(), element.path() + ".name", "'" + p.name() + "' is repeated");
                } else {
                    points.add(p);
                }
            });
        }
        Optional<String> tilt = map.optionalText("tiltAngle").filter(t -> {
            if (names.contains(t)) {
                return true;
            }
            problems.add(map.lineOf("tiltAngle"), map.field("tiltAngle"), "'" + t + "' is not one of the points ("
                    + String.join(", ", names.stream().sorted().toList()) + ")");
            return false;
        });
        if (id.isEmpty() || manufacturer.isEmpty() || model.isEmpty() || !problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CoapProfile(id.get(), manufacturer.get(), model.get(), interval, tilt.orElse(null),
                points));
    }

    private static Optional<CoapPoint> point(YamlMap map, Problems problems) {
        map.allowOnly(POINT_FIELDS);
        Optional<String> name = map.requiredText("name", ProfileParser.POINT_NAME).filter(n -> {
            if (!n.equals(CoapProfile.HEARTBEAT) && !n.equals(CoapProfile.TILT_DEVIATION)) {
                return true;
            }
            problems.add(map.lineOf("name"), map.field("name"), "'" + n + "' is the name of a channel the gateway"
                    + " derives itself");
            return false;
        });
        Optional<String> senml = map.requiredText("senml", SENML_NAME);
        String unit = map.optionalText("unit").orElse("");
        String senmlUnit = map.optionalText("senmlUnit").orElse("");
        double scale = map.optionalNumber("scale").filter(s -> {
            if (s != 0) {
                return true;
            }
            problems.add(map.lineOf("scale"), map.field("scale"), "must not be 0");
            return false;
        }).orElse(1.0);
        double offset = map.optionalNumber("offset").orElse(0.0);
        if (name.isEmpty() || senml.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CoapPoint(name.get(), senml.get(), unit, senmlUnit, scale, offset));
    }
}
