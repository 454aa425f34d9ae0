package io.weir.deploy.packaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JAR manifest's text format, for the one thing {@link java.util.jar.Manifest} cannot do: keep its sections in
 * order. The JDK holds sections in a hash map, but a deployment package's sections state the order its bundles are
 * stored and installed in, so we write them ourselves and read their order back ourselves.
 */
final class ManifestText {

    /** The JAR specification's limit on a line, in bytes, without its line break. */
    private static final int MAX_LINE_BYTES = 72;
    private static final byte[] LINE_BREAK = {'\r', '\n'};
    private static final String NAME_HEADER = "name: ";

    private ManifestText() {
    }

    /** Builds a manifest: the main section's headers, then each named section's, each section ended explicitly. */
    static final class Writer {

        private final ByteArrayOutputStream text = new ByteArrayOutputStream();

        Writer header(String name, String value) {
            if ((name + value).chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("a manifest header cannot hold a line break or NUL: " + name);
            }
            writeWrapped(name + ": " + value);
            return this;
        }

        /** Ends the current section with the blank line that separates sections. */
        Writer endSection() {
            text.writeBytes(LINE_BREAK);
            return this;
        }

        byte[] toBytes() {
            return text.toByteArray();
        }

        // Lines longer than 72 bytes continue on lines that start with one space; never split a character's bytes.
        private void writeWrapped(String line) {
            int room = MAX_LINE_BYTES;
            int used = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                if (used + bytes.length > room) {
                    text.writeBytes(LINE_BREAK);
                    text.write(' ');
                    room = MAX_LINE_BYTES - 1;
                    used = 0;
                }
                text.writeBytes(bytes);
                used += bytes.length;
                i += Character.charCount(codePoint);
            }
            text.writeBytes(LINE_BREAK);
        }
    }

    /**
     * The {@code Name} of each section after the main one, in the order they appear, duplicates included, so that the
     * caller can refuse them ({@link java.util.jar.Manifest} silently merges sections of the same name).
     *
     * @throws IllegalArgumentException if a section does not start with its {@code Name} header
     */
    static List<String> sectionNames(byte[] manifest) {
        List<String> names = new ArrayList<>();
        // Blank lines end a section (the main one first); the next line that is not blank opens a named section.
        boolean atSectionStart = false;
        for (String line : unfoldedLines(new String(manifest, StandardCharsets.UTF_8))) {
            if (line.isEmpty()) {
                atSectionStart = true;
            } else if (atSectionStart) {
                if (!line.toLowerCase(Locale.ROOT).startsWith(NAME_HEADER)) {
                    throw new IllegalArgumentException("a section starts with '" + line + "' instead of its Name");
                }
                names.add(line.substring(NAME_HEADER.length()));
                atSectionStart = false;
            }
        }
        return names;
    }

    // A line that starts with a space continues the one before it (JAR specification, "Manifest Specification").
    private static List<String> unfoldedLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.startsWith(" ") && !lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
                int last = lines.size() - 1;
                lines.set(last, lines.get(last) + line.substring(1));
            } else {
                lines.add(line);
            }
        }
        return lines;
    }
}
