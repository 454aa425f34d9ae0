package io.weir.site.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read field by field. Every read that fails reports a problem with the line and the field's path
 * and returns empty, so the caller goes on and the technician gets every problem of the file at once.
 * Scalars are converted here, from the text as written, rather than by SnakeYAML's YAML 1.1 rules.
 */
final class YamlMap {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9]+");
    private static final Pattern REAL = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, Node> keyNodes = new LinkedHashMap<>();
    private final Map<String, Node> values = new LinkedHashMap<>();

    private YamlMap(MappingNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(tuple.getKeyNode(), path, "a field name must be plain text");
                continue;
            }
            Node first = keyNodes.putIfAbsent(key.getValue(), key);
            if (first != null) {
                // SnakeYAML's composer keeps both; a later value silently winning is how typos hide
                problems.add(key, field(key.getValue()),
                        "appears twice (first on line " + Problems.lineOf(first) + ")");
            } else {
                values.put(key.getValue(), tuple.getValueNode());
            }
        }
    }

    /** The node as a mapping, or empty with a problem when it is something else. */
    static Optional<YamlMap> of(Node node, String path, Problems problems) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, path, problems));
        }
        problems.add(node, path, "must be a mapping of fields, not " + describe(node));
        return Optional.empty();
    }

    /** Path of this mapping, e.g. {@code devices[1]}; empty for the document root. */
    String path() {
        return path;
    }

    /** Path of one of its fields, e.g. {@code devices[1].unitId}. */
    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Node node() {
        return node;
    }

    /** Field names in file order. */
    Set<String> keys() {
        return values.keySet();
    }

    /** Line of a field's value, or of this mapping when the field is absent. */
    int lineOf(String key) {
        Node value = values.get(key);
        return Problems.lineOf(value != null ? value : node);
    }

    /** Reports fields this mapping does not define: a misspelt optional field would otherwise just be ignored. */
    void allowOnly(Collection<String> known) {
        for (var entry : keyNodes.entrySet()) {
            String key = entry.getKey();
            if (known.contains(key)) {
                continue;
            }
            String hint = known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
                    .map(k -> "did you mean " + k + "?")
                    .orElse("expected one of " + String.join(", ", known));
            problems.add(entry.getValue(), field(key), "unknown field; " + hint);
        }
    }

    /** The field's value; empty when absent or written as null ({@code key:} with nothing after it). */
    Optional<Node> value(String key) {
        Node value = values.get(key);
        return value == null || isNull(value) ? Optional.empty() : Optional.of(value);
    }

    Optional<Node> required(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            problems.add(lineOf(key), field(key), "is required");
        }
        return value;
    }

    Optional<String> requiredText(String key) {
        return required(key).flatMap(v -> text(v, field(key), true));
    }

    Optional<String> optionalText(String key) {
        return value(key).flatMap(v -> text(v, field(key), false));
    }

    /** A duration as {@link Durations} reads it (ISO-8601, or 500ms / 5s / 1m / 2h). */
    Optional<java.time.Duration> duration(String key, boolean required) {
        return (required ? requiredText(key) : optionalText(key)).flatMap(text -> {
            try {
                return Optional.of(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(lineOf(key), field(key), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** {@code true} or {@code false}, written as such; absent is empty. */
    Optional<Boolean> optionalBoolean(String key) {
        return optionalText(key).flatMap(text -> {
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(Boolean.valueOf(text));
            }
            problems.add(lineOf(key), field(key), "'" + text + "' is not true or false");
            return Optional.empty();
        });
    }

    /** Optional text that must be one of {@code choices}, as written. */
    Optional<String> optionalChoice(String key, List<String> choices) {
        return optionalText(key).filter(text -> {
            if (choices.contains(text)) {
                return true;
            }
            problems.add(lineOf(key), field(key), "'" + text + "' is not one of " + String.join(", ", choices));
            return false;
        });
    }

    /** Required text that must match {@code pattern} entirely. */
    Optional<String> requiredText(String key, Pattern pattern) {
        return requiredText(key).filter(text -> {
            if (pattern.matcher(text).matches()) {
                return true;
            }
            problems.add(lineOf(key), field(key), "'" + text + "' must match " + pattern.pattern());
            return false;
        });
    }

    Optional<Integer> requiredInt(String key, int min, int max) {
        return required(key).flatMap(v -> integer(v, field(key))).filter(n -> {
            if (n >= min && n <= max) {
                return true;
            }
            problems.add(lineOf(key), field(key), scalarText(key) + " is outside " + min + ".." + max);
            return false;
        }).map(Long::intValue);
    }

    /** A required integer, range checked by the caller because its bounds depend on other fields. */
    Optional<Long> requiredInteger(String key) {
        return required(key).flatMap(v -> integer(v, field(key)));
    }

    Optional<Double> requiredNumber(String key) {
        return required(key).flatMap(v -> number(v, field(key)));
    }

    Optional<Double> optionalNumber(String key) {
        return value(key).flatMap(v -> number(v, field(key)));
    }

    Optional<Double> requiredNumber(String key, double min, double max) {
        return requiredNumber(key).filter(n -> {
            if (n >= min && n <= max) {
                return true;
            }
            problems.add(lineOf(key), field(key), scalarText(key) + " is outside " + plain(min) + ".." + plain(max));
            return false;
        });
    }

    /** A mapping field that may be left out; present but not a mapping is a problem. */
    Optional<YamlMap> optionalMap(String key) {
        return value(key).flatMap(v -> of(v, field(key), problems));
    }

    Optional<YamlMap> requiredMap(String key) {
        return required(key).flatMap(v -> of(v, field(key), problems));
    }

    /** Elements of a list field with their paths; empty when the field is absent and not required. */
    List<Element> list(String key, boolean required) {
        Optional<Node> value = required ? required(key) : value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            problems.add(value.get(), field(key), "must be a list, not " + describe(value.get()));
            return List.of();
        }
        var elements = new ArrayList<Element>();
        for (Node element : sequence.getValue()) {
            elements.add(new Element(element, field(key) + "[" + elements.size() + "]"));
        }
        return List.copyOf(elements);
    }

    /** A whole number written as an element of a list. */
    Optional<Long> integer(Element element) {
        return integer(element.node(), element.path());
    }

    /** Text written as an element of a list. */
    Optional<String> text(Element element) {
        return text(element.node(), element.path(), true);
    }

    /** One element of a list and its path, e.g. {@code devices[1]}. */
    record Element(Node node, String path) {
    }

    /** The text of a field as written, for messages. */
    String scalarText(String key) {
        Node value = values.get(key);
        return value instanceof ScalarNode scalar ? scalar.getValue() : describe(value);
    }

    private Optional<String> text(Node value, String field, boolean required) {
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(value, field, "must be text, not " + describe(value));
            return Optional.empty();
        }
        if (required && scalar.getValue().isBlank()) {
            problems.add(value, field, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    private Optional<Long> integer(Node value, String field) {
        Optional<String> plain = plainScalar(value, field, "a whole number");
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        String text = plain.get();
        try {
            if (DECIMAL.matcher(text).matches()) {
                return Optional.of(Long.parseLong(text));
            }
            if (HEX.matcher(text).matches()) {
                return Optional.of(Long.parseLong(text.substring(2), 16));
            }
        } catch (NumberFormatException e) {
            problems.add(value, field, text + " is too large");
            return Optional.empty();
        }
        if (LEADING_ZERO.matcher(text).matches()) {
            // YAML 1.1 reads 0010 as octal 8, YAML 1.2 as decimal 10: refuse to guess which the writer meant
            problems.add(value, field, "'" + text + "' is ambiguous: write decimal without leading zeros, or hex as 0x"
                    + text.replaceFirst("^[-+]?0+", ""));
        } else {
            problems.add(value, field, "'" + text + "' is not a whole number");
        }
        return Optional.empty();
    }

    private Optional<Double> number(Node value, String field) {
        Optional<String> plain = plainScalar(value, field, "a number");
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        String text = plain.get();
        if (REAL.matcher(text).matches()) {
            double number = Double.parseDouble(text);
            if (Double.isFinite(number)) {
                return Optional.of(number);
            }
        }
        problems.add(value, field, "'" + text + "' is not a finite number");
        return Optional.empty();
    }

    /** Numbers must be written plain: a quoted "5" is text, as a schema-aware editor would also say. */
    private Optional<String> plainScalar(Node value, String field, String what) {
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(value, field, "must be " + what + ", not " + describe(value));
            return Optional.empty();
        }
        if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            problems.add(value, field, "must be " + what + ", not quoted text");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    private static boolean isNull(Node value) {
        return value instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())
                && scalar.getScalarStyle() == ScalarStyle.PLAIN;
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "text";
    }

    /** -90.0 as "-90", 0.05 as "0.05". */
    static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
