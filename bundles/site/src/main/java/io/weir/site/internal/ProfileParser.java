package io.weir.site.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.weir.api.Reading;
import io.weir.api.profile.DataType;
import io.weir.api.profile.Deadband;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/**
 * Reads one device profile file (format in docs/configuration.md, schema in
 * device-profiles/src/main/resources/device-profile.schema.json) into a {@link DeviceProfile} with zero-based
 * addresses. Checks the same rules as the schema, plus what a schema cannot say.
 */
final class ProfileParser {

    static final Pattern PROFILE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern POINT_NAME = Pattern.compile("[a-z0-9_]+");
    static final double DEFAULT_SCALE = 1.0;
    static final double DEFAULT_OFFSET = 0.0;
    static final int MAX_TIMEOUT_MS = 60_000;
    /**
     * Unused registers one read may bridge when the profile does not say: 8 registers are 16 bytes on the wire,
     * less than the request, header, CRC and silent gaps of one more RTU transaction.
     */
    static final int DEFAULT_MAX_GAP = 8;

    private static final List<String> PROFILE_FIELDS =
            List.of("id", "manufacturer", "model", "registerNumbering", "limits", "points");
    private static final List<String> LIMITS_FIELDS = List.of("maxBlockRegisters", "timeoutMs", "maxGap", "holes");
    private static final List<String> POINT_FIELDS =
            List.of("name", "function", "register", "type", "length", "wordOrder", "scale", "offset", "unit",
                    "writable", "writeFunction", "decimals", "deadband", "heartbeat");
    /** A deadband given as a percentage of the last reported value, e.g. {@code 0.5%}. */
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");

    /**
     * @param file the profile; its name without {@code .yaml} must be the profile's id, so that a site file's
     *             {@code profile: x} always means the file {@code x.yaml}
     */
    Parsed<DeviceProfile> parse(Path file) {
        var problems = new Problems(file.getFileName().toString());
        String expectedId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Optional<DeviceProfile> profile = YamlFile.compose(file, problems)
                .flatMap(root -> YamlMap.of(root, "", problems))
                .flatMap(map -> profile(map, expectedId, problems));
        return problems.isEmpty() ? Parsed.of(profile.orElseThrow()) : Parsed.failed(problems.list());
    }

    private Optional<DeviceProfile> profile(YamlMap map, String expectedId, Problems problems) {
        map.allowOnly(PROFILE_FIELDS);
        Optional<String> id = map.requiredText("id", PROFILE_ID).filter(text -> {
            if (text.equals(expectedId)) {
                return true;
            }
            problems.add(map.lineOf("id"), "id", "'" + text + "' must be the file's name without .yaml ('"
                    + expectedId + "')");
            return false;
        });
        Optional<String> manufacturer = map.requiredText("manufacturer");
        Optional<String> model = map.requiredText("model");
        Optional<RegisterNumbering> numbering = map.requiredText("registerNumbering")
                .flatMap(text -> numbering(text, map, problems));
        Optional<YamlMap> limits = map.requiredMap("limits");
        limits.ifPresent(l -> l.allowOnly(LIMITS_FIELDS));
        Optional<Integer> maxBlock = limits.flatMap(l -> l.requiredInt("maxBlockRegisters", 1,
                DeviceProfile.MODBUS_MAX_REGISTERS));
        Optional<Integer> timeout = limits.flatMap(l -> l.requiredInt("timeoutMs", 1, MAX_TIMEOUT_MS));
        Optional<Integer> maxGap = limits.flatMap(l -> l.value("maxGap").isPresent()
                ? l.requiredInt("maxGap", 0, DeviceProfile.MODBUS_MAX_REGISTERS - 1)
                : Optional.of(DEFAULT_MAX_GAP));
        Map<Integer, Integer> holes = limits.flatMap(l -> numbering.map(n -> holes(l, n, problems)))
                .orElse(Map.of());

        List<YamlMap.Element> elements = map.list("points", true);
        if (elements.isEmpty() && map.value("points").filter(SequenceNode.class::isInstance).isPresent()) {
            problems.add(map.lineOf("points"), "points", "needs at least one point");
        }
        var points = new ArrayList<Point>();
        var lineOfName = new HashMap<String, Integer>();
        for (YamlMap.Element element : elements) {
            YamlMap.of(element.node(), element.path(), problems)
                    .flatMap(p -> point(p, numbering, maxBlock, problems))
                    .ifPresent(point -> {
                        Integer first = lineOfName.putIfAbsent(point.name(), Problems.lineOf(element.node()));
                        if (first != null) {
                            problems.add(element.node(), element.path() + ".name", "'" + point.name()
                                    + "' is already the name of the point on line " + first);
                        } else {
                            points.add(point);
                        }
                    });
        }
        for (Point point : points.stream().filter(p -> !p.type().isBit()).toList()) {
            holes.forEach((hole, line) -> {
                if (hole >= point.address() && hole < point.end()) {
                    problems.add(line, "limits.holes", "register " + hole + " is a hole, but point " + point.name()
                            + " (line " + lineOfName.get(point.name()) + ") reads it");
                }
            });
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeviceProfile(id.orElseThrow(), manufacturer.orElseThrow(), model.orElseThrow(),
                    maxBlock.orElseThrow(), timeout.orElseThrow(), points, List.copyOf(holes.keySet()),
                    maxGap.orElseThrow(), numbering.orElseThrow().first()));
        } catch (IllegalArgumentException e) {
            // the checks above cover the record's rules; this keeps a future rule from escaping as an exception
            problems.add(map.node(), "", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Point> point(YamlMap p, Optional<RegisterNumbering> numbering, Optional<Integer> maxBlock,
                                  Problems problems) {
        p.allowOnly(POINT_FIELDS);
        Optional<String> name = p.requiredText("name", POINT_NAME);
        Optional<Integer> function = p.requiredInt("function", 0, 255).filter(f -> {
            if (f >= 1 && f <= 4) {
                return true;
            }
            problems.add(p.lineOf("function"), p.field("function"), f + " is not a read: use 1 (coils), 2 (discrete"
                    + " inputs), 3 (holding registers) or 4 (input registers)");
            return false;
        });
        Optional<DataType> type = p.requiredText("type").flatMap(text -> dataType(text, p, problems))
                .filter(t -> function.map(f -> matchesFunction(t, f, p, problems)).orElse(true));
        Optional<Integer> length = length(p, type, maxBlock, problems);
        Optional<WordOrder> wordOrder = p.optionalText("wordOrder").flatMap(text -> wordOrder(text, p, problems));
        if (wordOrder.isEmpty() && p.value("wordOrder").isEmpty()
                && type.map(t -> t.registers() > 1).orElse(false)) {
            problems.add(p.lineOf("type"), p.field("wordOrder"), "is required for a " + 16 * type.get().registers()
                    + "-bit type: ABCD, CDAB, BADC or DCBA, as the device's manual says");
        }
        type.filter(t -> t.registers() > 1).ifPresent(t -> maxBlock.filter(max -> t.registers() > max)
                .ifPresent(max -> problems.add(p.lineOf("type"), p.field("type"), t.name().toLowerCase(Locale.ROOT)
                        + " spans " + t.registers() + " registers, more than limits.maxBlockRegisters " + max)));
        int span = type.map(t -> t == DataType.STRING ? length.orElse(1) : t.registers()).orElse(1);
        Optional<Integer> address = p.requiredInteger("register")
                .filter(register -> function.map(f -> !ManualNotation.refused(register, f, p, problems)).orElse(true))
                .flatMap(register -> numbering.flatMap(n -> address(register, n, span, p, problems)));
        double scale = p.optionalNumber("scale").filter(s -> {
            if (s != 0) {
                return true;
            }
            problems.add(p.lineOf("scale"), p.field("scale"), "must not be 0: every value would read as the offset");
            return false;
        }).orElse(DEFAULT_SCALE);
        double offset = p.optionalNumber("offset").orElse(DEFAULT_OFFSET);
        type.filter(t -> !t.isNumeric()).ifPresent(t -> {
            String kind = t.name().toLowerCase(Locale.ROOT);
            if (p.value("scale").isPresent() && scale != DEFAULT_SCALE) {
                problems.add(p.lineOf("scale"), p.field("scale"), "a " + kind + " has no scale: leave it out");
            }
            if (p.value("offset").isPresent() && offset != DEFAULT_OFFSET) {
                problems.add(p.lineOf("offset"), p.field("offset"), "a " + kind + " has no offset: leave it out");
            }
        });
        String unit = p.optionalText("unit").orElse("");
        Optional<Integer> writeFunction = writeFunction(p, function, type, problems);
        Optional<Integer> decimals = p.value("decimals").isEmpty() ? Optional.empty()
                : p.requiredInt("decimals", 0, Reading.MAX_DECIMALS);
        boolean decimalsFit = decimals.isEmpty() || type.map(t -> {
            if (!t.isNumeric()) {
                problems.add(p.lineOf("decimals"), p.field("decimals"), "a " + t.name().toLowerCase(Locale.ROOT)
                        + " has no decimals: leave it out");
            }
            return t.isNumeric();
        }).orElse(true);
        Optional<Deadband> deadband = deadband(p, problems).filter(band -> type.map(t -> {
            if (!t.isNumeric()) {
                problems.add(p.lineOf("deadband"), p.field("deadband"), "a " + t.name().toLowerCase(Locale.ROOT)
                        + " has no deadband: every change of it is reported; leave it out");
            }
            return t.isNumeric();
        }).orElse(true));
        Optional<Duration> heartbeat = p.duration("heartbeat", false).filter(beat -> {
            if (beat.toMillis() > 0) {
                return true;
            }
            problems.add(p.lineOf("heartbeat"), p.field("heartbeat"), p.scalarText("heartbeat") + " is no heartbeat:"
                    + " give a duration of at least 1ms, or leave it out to report every reading");
            return false;
        });

        if (name.isEmpty() || function.isEmpty() || type.isEmpty() || address.isEmpty() || length.isEmpty()
                || writeFunction.isEmpty() || !decimalsFit
                || (p.value("decimals").isPresent() && decimals.isEmpty())
                || (p.value("deadband").isPresent() && deadband.isEmpty())
                || (p.value("heartbeat").isPresent() && heartbeat.isEmpty())
                || (!type.get().isNumeric() && (scale != DEFAULT_SCALE || offset != DEFAULT_OFFSET))) {
            return Optional.empty();
        }
        return Optional.of(new Point(name.get(), function.get(), address.get(), type.get(), wordOrder.orElse(null),
                scale, offset, unit, length.get(), writeFunction.get(), decimals.orElse(null), deadband.orElse(null),
                heartbeat.map(Duration::toMillis).orElse(0L)));
    }

    /**
     * How far the value may move unreported: a number in the point's unit ({@code 0.05}), or a percentage of the
     * last reported value ({@code 0.5%}). Empty when absent, and when wrong (then with a problem).
     */
    private static Optional<Deadband> deadband(YamlMap p, Problems problems) {
        Optional<Node> node = p.value("deadband");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof ScalarNode scalar && scalar.getValue().endsWith("%")) {
            Matcher percent = PERCENT.matcher(scalar.getValue());
            if (percent.matches()) {
                return Optional.of(new Deadband(Double.parseDouble(percent.group(1)), true));
            }
            problems.add(p.lineOf("deadband"), p.field("deadband"), "'" + scalar.getValue() + "' is not a percentage"
                    + " such as 0.5% (of the last reported value)");
            return Optional.empty();
        }
        return p.optionalNumber("deadband").filter(amount -> {
            if (amount >= 0) {
                return true;
            }
            problems.add(p.lineOf("deadband"), p.field("deadband"), p.scalarText("deadband") + " is negative: the"
                    + " deadband is how far the value may move unreported, 0 or more in the point's unit, or a"
                    + " percentage such as 0.5%");
            return false;
        }).map(amount -> new Deadband(amount, false));
    }

    /**
     * The function that writes the point (0: read-only): {@code writable: true} takes the default for the point's
     * type, {@code writeFunction} names another one the device needs (Eastron meters take 16 only).
     */
    private static Optional<Integer> writeFunction(YamlMap p, Optional<Integer> function, Optional<DataType> type,
                                                   Problems problems) {
        boolean writable = p.optionalBoolean("writable").orElse(false);
        Optional<Integer> asked = p.value("writeFunction").isEmpty() ? Optional.empty()
                : p.requiredInt("writeFunction", 0, 255);
        if (function.isEmpty() || type.isEmpty()) {
            return Optional.of(0);
        }
        if (!writable) {
            if (asked.isPresent()) {
                problems.add(p.lineOf("writeFunction"), p.field("writeFunction"), "needs writable: true");
            }
            return asked.isPresent() ? Optional.empty() : Optional.of(0);
        }
        int chosen = asked.orElse(Point.defaultWriteFunction(function.get(), type.get()));
        if (chosen == 0) {
            problems.add(p.lineOf("writable"), p.field("writable"), "function " + function.get() + " reads an input,"
                    + " which cannot be written: only coils (1) and holding registers (3) can");
            return Optional.empty();
        }
        if (!Point.canWrite(function.get(), type.get(), chosen)) {
            problems.add(p.lineOf("writeFunction"), p.field("writeFunction"), chosen + " cannot write a "
                    + type.get().name().toLowerCase(Locale.ROOT) + " (coils: 5 or 15; one-register values: 6 or 16;"
                    + " wider values and strings: 16)");
            return Optional.empty();
        }
        return Optional.of(chosen);
    }

    /** Bits are read with functions 1 and 2, everything else with 3 and 4. */
    private static boolean matchesFunction(DataType type, int function, YamlMap p, Problems problems) {
        boolean bitFunction = function == 1 || function == 2;
        if (type.isBit() == bitFunction) {
            return true;
        }
        problems.add(p.lineOf("type"), p.field("type"), type.isBit()
                ? "bit is read with function 1 (coils) or 2 (discrete inputs), not " + function
                : "function " + function + " reads bits: the type must be bit, not "
                        + type.name().toLowerCase(Locale.ROOT));
        return false;
    }

    /** A string's length in registers (1..maxBlockRegisters); 0 for other types, which must not give one. */
    private static Optional<Integer> length(YamlMap p, Optional<DataType> type, Optional<Integer> maxBlock,
                                            Problems problems) {
        if (type.isEmpty()) {
            return Optional.of(0);
        }
        if (type.get() != DataType.STRING) {
            if (p.value("length").isPresent()) {
                problems.add(p.lineOf("length"), p.field("length"), "is for strings only, not "
                        + type.get().name().toLowerCase(Locale.ROOT));
                return Optional.empty();
            }
            return Optional.of(0);
        }
        if (p.value("length").isEmpty()) {
            problems.add(p.lineOf("type"), p.field("length"), "is required for a string: its size in registers,"
                    + " two characters each");
            return Optional.empty();
        }
        return p.requiredInt("length", 1, maxBlock.orElse(DeviceProfile.MODBUS_MAX_REGISTERS));
    }

    /** limits.holes as zero-based addresses, each with its line; registers as the manual numbers them. */
    private static Map<Integer, Integer> holes(YamlMap limits, RegisterNumbering numbering, Problems problems) {
        var holes = new TreeMap<Integer, Integer>();
        for (YamlMap.Element element : limits.list("holes", false)) {
            limits.integer(element).ifPresent(register -> {
                if (register < numbering.first() || register > numbering.last()) {
                    problems.add(element.node(), element.path(), register + " is outside " + numbering.first()
                            + ".." + numbering.last() + " (registerNumbering is " + numbering.text() + ")");
                } else {
                    holes.put(numbering.toAddress(register.intValue()), Problems.lineOf(element.node()));
                }
            });
        }
        return holes;
    }

    /** The register as the manual numbers it, turned into a zero-based protocol address. */
    private static Optional<Integer> address(long register, RegisterNumbering numbering, int registers,
                                             YamlMap p, Problems problems) {
        if (register < numbering.first() || register > numbering.last()) {
            problems.add(p.lineOf("register"), p.field("register"), p.scalarText("register") + " is outside "
                    + numbering.first() + ".." + numbering.last() + " (registerNumbering is " + numbering.text() + ")");
            return Optional.empty();
        }
        int address = numbering.toAddress((int) register);
        if (address + registers - 1 > RegisterNumbering.MAX_ADDRESS) {
            problems.add(p.lineOf("register"), p.field("register"), "a " + registers + "-register value at "
                    + p.scalarText("register") + " runs past the last register");
            return Optional.empty();
        }
        return Optional.of(address);
    }

    private static Optional<RegisterNumbering> numbering(String text, YamlMap map, Problems problems) {
        Optional<RegisterNumbering> numbering = Arrays.stream(RegisterNumbering.values())
                .filter(n -> n.text().equals(text)).findFirst();
        if (numbering.isEmpty()) {
            problems.add(map.lineOf("registerNumbering"), "registerNumbering",
                    "'" + text + "' is not zero-based or one-based");
        }
        return numbering;
    }

    private static Optional<DataType> dataType(String text, YamlMap p, Problems problems) {
        Map<String, DataType> byName = Arrays.stream(DataType.values())
                .collect(Collectors.toMap(t -> t.name().toLowerCase(Locale.ROOT), t -> t));
        DataType type = byName.get(text);
        if (type == null) {
            problems.add(p.lineOf("type"), p.field("type"), "'" + text + "' is not one of "
                    + Arrays.stream(DataType.values()).map(t -> t.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
        return Optional.ofNullable(type);
    }

    private static Optional<WordOrder> wordOrder(String text, YamlMap p, Problems problems) {
        Optional<WordOrder> order = Arrays.stream(WordOrder.values()).filter(o -> o.name().equals(text)).findFirst();
        if (order.isEmpty()) {
            problems.add(p.lineOf("wordOrder"), p.field("wordOrder"), "'" + text + "' is not ABCD, CDAB, BADC or DCBA");
        }
        return order;
    }
}
