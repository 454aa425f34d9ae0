package io.weir.site.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one DL/T 645 or CJ/T 188 meter profile ({@code <profiles dir>/meters/<id>.yaml}; format in
 * docs/configuration.md, schema device-profiles/src/main/resources/meter-profile.schema.json), every problem with
 * its file, line and field. The profile reaches the meterbus bundle as JSON of the points it reads.
 */
final class MeterProfileParser {

    static final Pattern DATA_IDENTIFIER = Pattern.compile("[0-9A-Fa-f]{8}");
    static final List<String> PROTOCOLS = List.of("dlt645", "cjt188");
    static final List<String> FIELDS_CJT188 = List.of("current_flow", "settlement_flow", "valve_closed",
            "valve_abnormal", "battery_low", "settlement_heat", "current_heat", "heat_power", "flow_rate",
            "supply_temperature", "return_temperature", "working_hours");
    private static final List<String> FIELDS = List.of("id", "protocol", "meterType", "manufacturer", "model",
            "points");
    private static final List<String> POINT_FIELDS = List.of("name", "di", "field", "type", "bytes", "decimals",
            "signed", "unit");

    /**
     * @param id        profile id (= file name)
     * @param protocol  dlt645 or cjt188
     * @param meterType CJ/T 188 meter type; 0 for DL/T 645
     * @param json      the profile as the meterbus bundle reads it
     * @param units     point name to unit, for rules
     */
    record MeterProfile(String id, String protocol, int meterType, Map<String, Object> json, Map<String, String> units) {
    }

    Parsed<MeterProfile> parse(Path file) {
        var problems = new Problems(file.getFileName().toString());
        String expectedId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Optional<MeterProfile> profile = YamlFile.compose(file, problems)
                .flatMap(root -> YamlMap.of(root, "", problems))
                .flatMap(map -> profile(map, expectedId, problems));
        return problems.isEmpty() ? Parsed.of(profile.orElseThrow()) : Parsed.failed(problems.list());
    }

    private Optional<MeterProfile> profile(YamlMap map, String expectedId, Problems problems) {
        map.allowOnly(FIELDS);
        Optional<String> id = map.requiredText("id", ProfileParser.PROFILE_ID).filter(text -> {
            if (text.equals(expectedId)) {
                return true;
            }
            problems.add(map.lineOf("id"), map.field("id"), "'" + text + "' must be the file name without .yaml ('"
                    + expectedId + "')");
            return false;
        });
        Optional<String> protocol = map.requiredText("protocol").filter(p -> {
            if (PROTOCOLS.contains(p)) {
                return true;
            }
            problems.add(map.lineOf("protocol"), map.field("protocol"), "'" + p + "' is not one of dlt645, cjt188");
            return false;
        });
        boolean cjt188 = protocol.filter("cjt188"::equals).isPresent();
        int meterType = 0;
        if (cjt188) {
            meterType = map.requiredInt("meterType", 0x10, 0x49).orElse(0x10);
        } else if (map.keys().contains("meterType")) {
            problems.add(map.lineOf("meterType"), map.field("meterType"), "is for cjt188 meters only");
        }
        map.requiredText("manufacturer");
        map.requiredText("model");
        var points = new ArrayList<Map<String, Object>>();
        var units = new LinkedHashMap<String, String>();
        var names = new HashSet<String>();
        List<YamlMap.Element> elements = map.list("points", true);
        if (map.value("points").isPresent() && elements.isEmpty()) {
            problems.add(map.lineOf("points"), map.field("points"), "needs at least one point");
        }
        for (YamlMap.Element element : elements) {
            YamlMap.of(element.node(), element.path(), problems).flatMap(p -> point(p, cjt188, problems)).ifPresent(p -> {
                String name = (String) p.get("name");
                if (!names.add(name)) {
                    problems.add(element.node(), element.path() + ".name", "'" + name + "' is repeated");
                } else {
                    points.add(p);
                    units.put(name, (String) p.get("unit"));
                }
            });
        }
        if (id.isEmpty() || protocol.isEmpty() || !problems.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.get());
        json.put("protocol", protocol.get().toUpperCase(Locale.ROOT));
        json.put("meterType", meterType);
        json.put("points", points);
        return Optional.of(new MeterProfile(id.get(), protocol.get(), meterType, json, units));
    }

    private static Optional<Map<String, Object>> point(YamlMap map, boolean cjt188, Problems problems) {
        map.allowOnly(POINT_FIELDS);
        Optional<String> name = map.requiredText("name", ProfileParser.POINT_NAME);
        Map<String, Object> p = new LinkedHashMap<>();
        name.ifPresent(n -> p.put("name", n));
        p.put("unit", map.optionalText("unit").orElse(""));
        if (cjt188) {
            for (String dltOnly : List.of("di", "bytes", "decimals", "signed", "type")) {
                if (map.keys().contains(dltOnly)) {
                    problems.add(map.lineOf(dltOnly), map.field(dltOnly), "is for dlt645 points; a cjt188 point names"
                            + " a field");
                }
            }
            map.requiredText("field").ifPresent(f -> {
                if (FIELDS_CJT188.contains(f)) {
                    p.put("field", f.toUpperCase(Locale.ROOT));
                } else {
                    problems.add(map.lineOf("field"), map.field("field"), "'" + f + "' is not one of "
                            + String.join(", ", FIELDS_CJT188));
                }
            });
        } else {
            if (map.keys().contains("field")) {
                problems.add(map.lineOf("field"), map.field("field"), "is for cjt188 points; a dlt645 point names a"
                        + " data identifier (di)");
            }
            map.requiredText("di", DATA_IDENTIFIER).ifPresent(di -> p.put("di", di.toUpperCase(Locale.ROOT)));
            String type = map.optionalChoice("type", List.of("number", "date", "time")).orElse("number");
            p.put("type", type.toUpperCase(Locale.ROOT));
            if (type.equals("number")) {
                map.requiredInt("bytes", 1, 8).ifPresent(b -> p.put("bytes", b));
                p.put("decimals", map.keys().contains("decimals") ? map.requiredInt("decimals", 0, 8).orElse(0) : 0);
                p.put("signed", map.optionalBoolean("signed").orElse(false));
            }
        }
        return name.isPresent() ? Optional.of(p) : Optional.empty();
    }
}
