package io.weir.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.weir.api.security.SecretFile;

/**
 * The tokens that may use the console, from their file: one per line, {@code token} or {@code name token}, blank
 * lines and {@code #} comments ignored. The file is read again whenever it changes, so a rotated token counts at
 * once, and the old one no longer. A token is at least 16 characters without blanks (the installer writes 32 random
 * hex digits); the name says in the log who asked, the token itself is never written anywhere.
 */
final class Credentials {

    static final String DEFAULT_NAME = "console";
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{16,256}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final Path file;
    private final Consumer<String> warn;
    private Object stamp; // guarded by this
    private Map<String, byte[]> tokens = Map.of(); // guarded by this
    private String problem; // guarded by this

    Credentials(Path file, Consumer<String> warn) {
        this.file = file;
        this.warn = warn;
    }

    /**
     * Who carries {@code authorization} ({@code Bearer <token>}): the token's name, or empty when it is missing or
     * no token of the file.
     */
    Optional<String> who(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        byte[] given = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (var token : current().entrySet()) {
            if (MessageDigest.isEqual(given, token.getValue()) && found == null) {
                found = token.getKey(); // every token compared, in constant time each
            }
        }
        return Optional.ofNullable(found);
    }

    /** Why no request can be let in, or empty when tokens are set. */
    synchronized Optional<String> problem() {
        current();
        return Optional.ofNullable(problem);
    }

    private synchronized Map<String, byte[]> current() {
        Object now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            now = attributes.lastModifiedTime() + "/" + attributes.size() + "/" + attributes.fileKey();
        } catch (NoSuchFileException e) {
            now = "absent";
        } catch (IOException e) {
            now = e.toString();
        }
        if (!now.equals(stamp)) {
            stamp = now;
            load();
        }
        return tokens;
    }

    private void load() {
        tokens = Map.of();
        if (!Files.exists(file)) {
            problem = "no console token: create " + file + " (mode 600) with a token of 16 or more characters";
            return;
        }
        Map<String, byte[]> loaded = new LinkedHashMap<>();
        try {
            String[] lines = SecretFile.readText(file, warn).split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                String name = parts.length == 2 ? parts[0] : DEFAULT_NAME;
                String token = parts[parts.length - 1];
                if (parts.length > 2 || !NAME.matcher(name).matches() || !TOKEN.matcher(token).matches()) {
                    // the line is never quoted: it holds a token
                    problem = file + ":" + (i + 1) + ": not 'token' or 'name token' with a token of 16 or more"
                            + " characters without blanks";
                    return;
                }
                loaded.put(name, token.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            problem = "console tokens unreadable: " + e.getMessage();
            return;
        }
        if (loaded.isEmpty()) {
            problem = "no token in " + file;
            return;
        }
        problem = null;
        tokens = Map.copyOf(loaded);
    }
}
