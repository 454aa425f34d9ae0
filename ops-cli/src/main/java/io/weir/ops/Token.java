package io.weir.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operator's token for the adapter's API: from {@code --token}, else {@code WEIR_OPS_TOKEN}, else a file
 * ({@code --token-file}, default {@code ~/.config/weir/ops-token}) that only its owner may read, as the adapter asks of
 * its own secret files.
 */
final class Token {
    static final String ENV = "WEIR_OPS_TOKEN";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private Token() {
    }

    static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".config", "weir", "ops-token");
    }

    static String resolve(String given, String fromEnv, Path file) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Path path = file != null ? file : defaultFile();
        if (!Files.exists(path)) {
            throw new OpsException("no operator token: give --token, set " + ENV + " or put it in " + path
                    + " (chmod 600)");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            permissions.retainAll(OTHERS);
            if (!permissions.isEmpty()) {
                throw new OpsException("token file " + path + " may be read or changed by others " + permissions
                        + "; chmod 600 " + path);
            }
            String token = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new OpsException("token file " + path + " is empty");
            }
            return token;
        } catch (UnsupportedOperationException e) {
            throw new OpsException("cannot check who may read " + path + " on this file system; use " + ENV);
        } catch (IOException e) {
            throw new OpsException("cannot read token file " + path + ": " + e.getMessage(), e);
        }
    }
}
