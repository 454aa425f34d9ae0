package io.weir.profiles;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML file read twice with SnakeYAML, the parser the gateway uses: once as plain Java values for the schema
 * validator, once as a node tree so a schema error can be reported at its line.
 */
record YamlDocument(Path file, Object value, Map<List<Object>, Integer> lines) {

    static YamlDocument read(Path file) throws IOException {
        Object value;
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            value = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(in);
        }
        var lines = new HashMap<List<Object>, Integer>();
        if (root != null) {
            collectLines(root, List.of(), lines);
        }
        return new YamlDocument(file, value, Map.copyOf(lines));
    }

    /** The 1-based line of the node at {@code path}, or of its nearest ancestor that exists in the file. */
    int lineOf(List<Object> path) {
        for (int n = path.size(); n >= 0; n--) {
            Integer line = lines.get(path.subList(0, n));
            if (line != null) {
                return line;
            }
        }
        return 1;
    }

    private static void collectLines(Node node, List<Object> path, Map<List<Object>, Integer> lines) {
        lines.put(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    collectLines(tuple.getValueNode(), append(path, key.getValue()), lines);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                collectLines(sequence.getValue().get(i), append(path, i), lines);
            }
        }
    }

    private static List<Object> append(List<Object> path, Object element) {
        var longer = new ArrayList<>(path);
        longer.add(element);
        return List.copyOf(longer);
    }
}
