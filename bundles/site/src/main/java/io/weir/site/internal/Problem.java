package io.weir.site.internal;

import java.util.Objects;

/**
 * One thing wrong in a site file or device profile, said so a technician can find it:
 * {@code site.yaml:14: devices[1].unitId: 300 is outside 1..247}.
 *
 * @param file    the file's name
 * @param line    1-based line, or 0 when the problem belongs to the whole file (it cannot be read)
 * @param field   path of the field, e.g. {@code devices[1].unitId}; empty when the problem is not about one field
 * @param message what is wrong, never containing a secret
 */
public record Problem(String file, int line, String field, String message) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
