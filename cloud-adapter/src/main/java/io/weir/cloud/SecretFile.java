package io.weir.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file holding a secret (a password, a private key, operators' token digests): read only when nobody but its owner
 * may read it, so a secret never sits world-readable on the adapter's machine.
 */
public final class SecretFile {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFile() {
    }

    /** The file's bytes. @throws IllegalArgumentException naming the file and the problem */
    public static byte[] read(Path file, String what) {
        check(file, what);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The file's text without surrounding white space (a trailing newline is not part of a password). */
    public static String readText(Path file, String what) {
        String text = new String(read(file, what), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " " + file + " is empty");
        }
        return text;
    }

    /** @throws IllegalArgumentException when the file is missing or group or others may read or change it */
    public static void check(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist or is not a file");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
            loose.addAll(permissions);
            loose.retainAll(OTHERS);
            if (!loose.isEmpty()) {
                throw new IllegalArgumentException(what + " " + file + " is open to group or others ("
                        + PosixFilePermissions.toString(permissions) + "): chmod 600 " + file
                        + " and chown it to the user the adapter runs as");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be checked: " + e.getMessage(), e);
        }
    }
}
