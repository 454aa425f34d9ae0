package io.weir.site.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SL 651 password: {@code password} (4 hexadecimal digits) or {@code passwordFile} (a file holding them,
 * relative to the site file), exactly one. A problem never quotes the password.
 */
final class PasswordField {

    private static final Pattern PASSWORD = Pattern.compile("[0-9A-Fa-f]{4}");

    private final Problems problems;
    private final Path siteDir;

    PasswordField(Problems problems, Path siteDir) {
        this.problems = problems;
        this.siteDir = siteDir;
    }

    Optional<String> read(YamlMap map) {
        boolean inline = map.keys().contains("password");
        boolean file = map.keys().contains("passwordFile");
        if (inline == file) {
            problems.add(Problems.lineOf(map.node()), map.path(), inline ? "give password or passwordFile, not both"
                    : "needs password (4 hexadecimal digits) or passwordFile");
            return Optional.empty();
        }
        String field = inline ? "password" : "passwordFile";
        Optional<String> text = inline ? map.requiredText("password") : map.requiredText("passwordFile")
                .flatMap(name -> {
                    Path path = siteDir.resolve(name);
                    try {
                        return Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip());
                    } catch (IOException e) {
                        problems.add(map.lineOf("passwordFile"), map.field("passwordFile"), "cannot read " + path
                                + ": " + e.getClass().getSimpleName());
                        return Optional.empty();
                    }
                });
        return text.filter(t -> {
            if (PASSWORD.matcher(t).matches()) {
                return true;
            }
            problems.add(map.lineOf(field), map.field(field), "the password must be 4 hexadecimal digits");
            return false;
        });
    }
}
