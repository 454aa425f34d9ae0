package io.weir.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The console token of a demo gateway, made as the gateway's installer makes one: 32 random hex digits in
 * {@code console.token} beside the site file, readable by its owner only. No token is built into the gateway.
 */
public final class ConsoleToken {

    static final String FILE = "console.token";

    private ConsoleToken() {
    }

    /** Writes a new token beside {@code siteFile} and returns it. */
    public static String create(Path siteFile) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Path file = siteFile.toAbsolutePath().resolveSibling(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return token;
    }
}
