package io.weir.site.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SL 651 password (4 hexadecimal digits) in the file {@code passwordFile} names, relative to the site file, like
 * every other secret of the site file. A problem never quotes the password.
 */
final class PasswordField {

    private static final Pattern PASSWORD = Pattern.compile("[0-9A-Fa-f]{4}");

    private final Problems problems;
    private final FileFields files;

    PasswordField(Problems problems, FileFields files) {
        this.problems = problems;
        this.files = files;
    }

    Optional<String> read(YamlMap map) {
        if (map.keys().contains("password")) {
            files.refuseInline(map, "password", "passwordFile");
            return Optional.empty();
        }
        if (!map.keys().contains("passwordFile")) {
            problems.add(Problems.lineOf(map.node()), map.path(),
                    "needs passwordFile (a file holding the 4 hexadecimal digits)");
            return Optional.empty();
        }
        return files.secret(map, "passwordFile")
                .map(secret -> new String(secret.bytes(), StandardCharsets.US_ASCII).strip())
                .filter(text -> {
                    if (PASSWORD.matcher(text).matches()) {
                        return true;
                    }
                    problems.add(map.lineOf("passwordFile"), map.field("passwordFile"),
                            "the password must be 4 hexadecimal digits");
                    return false;
                });
    }
}
