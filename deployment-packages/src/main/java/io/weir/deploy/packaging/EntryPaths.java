package io.weir.deploy.packaging;

import java.util.Locale;
import java.util.Objects;

/** Paths of entries in a deployment package: what may name one, and which ones are the JAR signature's. */
final class EntryPaths {

    private EntryPaths() {
    }

    static void require(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.endsWith("/") || path.startsWith("/") || path.contains("\\")
                || path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'" + path + "' cannot name a JAR entry");
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("'" + path + "' cannot name a JAR entry: empty, . or .. part");
            }
        }
    }

    /**
     * Whether {@code path} is one of the JAR signing files, which the Deployment Admin specification places right
     * after the manifest: {@code META-INF/*.SF} and the signature blocks {@code .DSA}, {@code .RSA}, {@code .EC}.
     */
    static boolean isSignature(String path) {
        String upper = path.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA") || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }
}
