package io.weir.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A file that holds one secret (an MQTT password, a console token, a pre-shared key, a private key): the secret
 * lives there and nowhere else, so it never lands in ConfigAdmin's storage, in a log line or in a deployment
 * package. A secret file must be readable by its owner only; one that others may read is made so on the spot, with
 * a warning, because the secret in it may already have been seen.
 */
public final class SecretFile {

    /** More than any password, token or key in PEM needs; a larger file is not a secret file. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFile() {
    }

    /**
     * The secret's bytes, without the line break(s) an editor leaves at the end.
     *
     * @param warn told (in words fit for a log line, never the secret) when the file's mode had to be tightened
     * @throws IOException naming the file and what is wrong: missing, empty, too large, unreadable
     */
    public static byte[] read(Path file, Consumer<String> warn) throws IOException {
        restrict(file, warn);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("secret file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new IOException("secret file " + file + " is empty");
        }
        return Arrays.copyOf(bytes, end);
    }

    /** {@link #read} as UTF-8 text. */
    public static String readText(Path file, Consumer<String> warn) throws IOException {
        return new String(read(file, warn), StandardCharsets.UTF_8);
    }

    /**
     * Makes {@code file} readable and writable by its owner only, when others had any access to it.
     *
     * @return whether its mode was changed
     * @throws IOException when it does not exist or its mode cannot be read or changed
     */
    public static boolean restrict(Path file, Consumer<String> warn) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (!Files.isRegularFile(file)) {
            throw new IOException("secret file " + file + " does not exist or is not a file");
        }
        if (view == null) {
            return false; // no POSIX modes here (not a gateway's file system): nothing to check
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().noneMatch(OTHERS::contains)) {
            return false;
        }
        String was = PosixFilePermissions.toString(permissions);
        Set<PosixFilePermission> ownerOnly = EnumSet.copyOf(permissions);
        ownerOnly.removeAll(OTHERS);
        Files.setPosixFilePermissions(file, ownerOnly);
        warn.accept("secret file " + file + " was readable by others (" + was + "); it is now readable by its owner"
                + " only (" + PosixFilePermissions.toString(ownerOnly) + "). Its secret may have been seen: rotate it.");
        return true;
    }

    /**
     * Creates {@code dir} (and its parents) if needed, and makes it reachable by its owner only: for directories of
     * files that hold secrets or what was made from them, such as kept deployment packages.
     */
    public static Path privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** Makes an existing file readable and writable by its owner only, silently: for files this process wrote. */
    public static Path ownerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }
}
