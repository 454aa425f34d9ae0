package io.weir.site.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file into SnakeYAML's node tree. Nodes, not Java objects, because every node knows its line, and
 * because a node keeps the text as written: {@code stationCode: 01234567} stays "01234567" and {@code name: no}
 * stays "no" instead of becoming an octal number or a boolean.
 */
final class YamlFile {

    private YamlFile() {
    }

    /** The document's root node, or empty with the problem reported when the file cannot be read or parsed. */
    static Optional<Node> compose(Path file, Problems problems) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return compose(in, problems);
        } catch (NoSuchFileException e) {
            problems.add(0, "", "file not found: " + file);
        } catch (CharacterCodingException e) {
            problems.add(0, "", "not UTF-8 text");
        } catch (IOException e) {
            problems.add(0, "", "cannot read " + file + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    static Optional<Node> compose(Reader in, Problems problems) {
        try {
            Node root = new Yaml(new SafeConstructor(loaderOptions())).compose(in);
            if (root == null) {
                problems.add(1, "", "the file is empty");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(line, "", "not valid YAML: " + oneLine(e.getProblem()));
        } catch (YAMLException e) {
            // SnakeYAML wraps reader failures (e.g. bad UTF-8) in an unmarked YAMLException
            problems.add(0, "", "not valid YAML: " + oneLine(e.getMessage()));
        }
        return Optional.empty();
    }

    private static LoaderOptions loaderOptions() {
        var options = new LoaderOptions();
        options.setProcessComments(false);
        // a configuration file is small; these bounds stop a pasted log or an alias bomb early
        options.setCodePointLimit(1024 * 1024);
        options.setMaxAliasesForCollections(20);
        return options;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
