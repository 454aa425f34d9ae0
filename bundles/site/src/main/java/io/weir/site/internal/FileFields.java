package io.weir.site.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.security.PemFiles;
import io.weir.api.security.SecretFile;

/**
 * Fields of the site file that name files on the gateway: secrets, certificates, directories. A relative path is
 * beside the site file. Secrets are never written in the site file itself (it travels in deployment packages and
 * into ConfigAdmin's storage); they live in files readable by the runtime user only, which are made so, with a
 * warning, when they are not. A problem about a secret never quotes it.
 */
final class FileFields {

    private static final Logger LOG = LoggerFactory.getLogger(FileFields.class);

    /**
     * A secret file, read and checked.
     *
     * @param file  absolute
     * @param stamp changes when the file does: written into the configuration, so the component that reads the
     *              secret starts again with the new one
     */
    record Secret(Path file, byte[] bytes, String stamp) {
    }

    private final Path siteDir;
    private final Problems problems;
    private final Set<Path> named = new HashSet<>();

    FileFields(Path siteDir, Problems problems) {
        this.siteDir = siteDir.toAbsolutePath().normalize();
        this.problems = problems;
    }

    /** The path a field names, absolute; not checked. */
    Optional<Path> path(YamlMap map, String field) {
        return map.optionalText(field).map(text -> named(siteDir.resolve(text.strip()).normalize()));
    }

    /** A path beside the site file, absolute. */
    Path beside(String name) {
        return named(siteDir.resolve(name));
    }

    /** Every file the site file named, found or not: a change to one of them means reading the site file again. */
    Set<Path> named() {
        return Set.copyOf(named);
    }

    private Path named(Path file) {
        named.add(file);
        return file;
    }

    /** A secret file the field names; empty (with a problem) when it cannot be read. */
    Optional<Secret> secret(YamlMap map, String field) {
        return path(map, field).flatMap(file -> secret(file, map.lineOf(field), map.field(field)));
    }

    Optional<Secret> secret(Path file, int line, String field) {
        try {
            byte[] bytes = SecretFile.read(file, LOG::warn);
            return Optional.of(new Secret(file, bytes, Files.getLastModifiedTime(file).toMillis() + "/"
                    + bytes.length));
        } catch (IOException e) {
            problems.add(line, field, e.getMessage());
            return Optional.empty();
        }
    }

    /** When a file was last changed, for a configuration stamp; empty when there is none. */
    static String stamp(Optional<Path> file) {
        try {
            return file.isPresent() ? String.valueOf(Files.getLastModifiedTime(file.get()).toMillis()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A PEM file of certificates the field names; empty (with a problem) when it holds none. */
    Optional<Path> certificates(YamlMap map, String field) {
        return path(map, field).filter(file -> {
            try {
                PemFiles.certificates(file);
                return true;
            } catch (IOException | GeneralSecurityException e) {
                problems.add(map.lineOf(field), map.field(field), e.getMessage());
                return false;
            }
        });
    }

    /** A directory the field names; empty (with a problem) when there is none. */
    Optional<Path> directory(YamlMap map, String field) {
        return path(map, field).filter(dir -> {
            if (Files.isDirectory(dir)) {
                return true;
            }
            problems.add(map.lineOf(field), map.field(field), "no directory " + dir);
            return false;
        });
    }

    /** A secret written into the site file itself is a problem: it names the field to use instead. */
    void refuseInline(YamlMap map, String inline, String instead) {
        if (map.keys().contains(inline)) {
            problems.add(map.lineOf(inline), map.field(inline), "secrets are not written in the site file: put it "
                    + "in a file that only the gateway's user can read (mode 600) and name that file with "
                    + instead);
        }
    }
}
