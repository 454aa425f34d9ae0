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

    /**
     * A configuration file is small; this bounds a pasted log or an attack early. Counted over every character,
     * comments included: SnakeYAML's own limit counts only what it parses, and a file of comments passed it.
     */
    static final int MAX_CHARS = 1024 * 1024;

    private YamlFile() {
    }

    /** The document's root node, or empty with the problem reported when the file cannot be read or parsed. */
    static Optional<Node> compose(Path file, Problems problems) {
        try {
            long size = Files.size(file);
            if (size > 4L * MAX_CHARS) { // 4 bytes at most per character: surely too long, without reading it
                problems.add(0, "", "the file is " + size + " bytes; a site file or profile is at most " + MAX_CHARS
                        + " characters");
                return Optional.empty();
            }
        } catch (IOException e) {
            // reported below, when reading fails the same way
        }
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
            Node root = new Yaml(new SafeConstructor(loaderOptions())).compose(new LimitedReader(in));
            if (root == null) {
                problems.add(1, "", "the file is empty");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(line, "", "not valid YAML: " + oneLine(e.getProblem()));
        } catch (YAMLException e) {
            // SnakeYAML wraps reader failures (e.g. bad UTF-8, or too long) in an unmarked YAMLException
            if (e.getCause() instanceof LimitedReader.TooLong tooLong) {
                problems.add(0, "", tooLong.getMessage());
            } else {
                problems.add(0, "", "not valid YAML: " + oneLine(e.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static LoaderOptions loaderOptions() {
        var options = new LoaderOptions();
        options.setProcessComments(false);
        // a configuration file is small; these bounds stop a pasted log or an alias bomb early
        options.setCodePointLimit(MAX_CHARS);
        options.setMaxAliasesForCollections(20);
        return options;
    }

    /** Counts every character read, comments included, and fails past {@link #MAX_CHARS}. */
    private static final class LimitedReader extends java.io.FilterReader {

        static final class TooLong extends IOException {
            private static final long serialVersionUID = 1L;

            TooLong() {
                super("the file is longer than " + MAX_CHARS + " characters, comments included; a site file or "
                        + "profile is at most that");
            }
        }

        private long count;

        LimitedReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0 && ++count > MAX_CHARS) {
                throw new TooLong();
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (count += n) > MAX_CHARS) {
                throw new TooLong();
            }
            return n;
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
