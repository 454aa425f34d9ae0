package io.weir.cloud.internal.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of the case mapping file, read field by field from SnakeYAML's nodes: every value is taken from
 * its text as written ({@code largeClass: 04} stays "04"), and every problem is reported with its line and the
 * field's path, after which reading goes on, so the operator sees all problems at once.
 */
final class YamlFields {
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,6}");

    private final String path;
    private final Problems problems;
    private final Node node;
    private final Map<String, Node> values = new LinkedHashMap<>();

    /** Where problems go: {@code file:line: field: problem}. */
    static final class Problems {
        private final String file;
        private final List<String> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(Node node, String field, String problem) {
            add(node == null ? 0 : node.getStartMark().getLine() + 1, field, problem);
        }

        void add(int line, String field, String problem) {
            list.add(file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        }

        List<String> list() {
            return list;
        }
    }

    private YamlFields(MappingNode node, String path, Problems problems, Set<String> allowed) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(tuple.getKeyNode(), path, "a field name must be plain text");
                continue;
            }
            String name = key.getValue();
            if (!allowed.contains(name)) {
                problems.add(key, field(name), "unknown field; known here: " + String.join(", ", allowed));
            } else if (values.putIfAbsent(name, tuple.getValueNode()) != null) {
                problems.add(key, field(name), "appears twice");
            }
        }
    }

    /** The node as a mapping with only {@code allowed} fields, or null with a problem. */
    static YamlFields of(Node node, String path, Problems problems, Set<String> allowed) {
        if (node instanceof MappingNode mapping) {
            return new YamlFields(mapping, path, problems, allowed);
        }
        problems.add(node, path, "must be a mapping of fields");
        return null;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Node raw(String name) {
        return values.get(name);
    }

    Node node() {
        return node;
    }

    /** The text of a scalar field, null when absent; a problem when it is not a non-empty scalar or misses {@code pattern}. */
    String text(String name, Pattern pattern, String expected) {
        Node value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            problems.add(value, field(name), "must be " + expected);
            return null;
        }
        String text = scalar.getValue().trim();
        if (pattern != null && !pattern.matcher(text).matches()) {
            problems.add(value, field(name), "'" + text + "' is not " + expected);
            return null;
        }
        return text;
    }

    Integer positiveInt(String name) {
        String text = text(name, WHOLE, "a whole number of hours");
        if (text == null) {
            return null;
        }
        int value = Integer.parseInt(text);
        if (value <= 0) {
            problems.add(values.get(name), field(name), "must be positive, was " + value);
            return null;
        }
        return value;
    }

    Boolean bool(String name) {
        String text = text(name, Pattern.compile("true|false"), "true or false");
        return text == null ? null : Boolean.valueOf(text);
    }

    /** The items of a list field of scalars, each checked against {@code allowed}; null when absent. */
    List<String> texts(String name, Set<String> allowed) {
        Node value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof SequenceNode sequence)) {
            problems.add(value, field(name), "must be a list, e.g. [ORANGE, RED]");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String at = field(name) + "[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || !allowed.contains(scalar.getValue())) {
                problems.add(item, at, "must be one of " + allowed);
            } else {
                items.add(scalar.getValue());
            }
        }
        return items;
    }

    /** The items of a list field of mappings; empty when absent. */
    List<Node> list(String name) {
        Node value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            problems.add(value, field(name), "must be a list of mappings ('- rule: ...')");
            return List.of();
        }
        return sequence.getValue();
    }

    Problems problems() {
        return problems;
    }
}
