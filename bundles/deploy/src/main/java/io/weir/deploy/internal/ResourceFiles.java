package io.weir.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weir.api.security.SecretFile;

/**
 * The resource processor's transaction, plain Java: resources are staged while Deployment Admin streams the
 * package, checked in {@link #prepare}, and put in place only in {@link #commit}; {@link #rollback} drops what was
 * staged and nothing in place has changed. The first time a package replaces a file, the file as it was is kept
 * under {@code originals/}, so that dropping the resource (an uninstall, or a rollback to a version without it)
 * restores it, or removes the file if there was none.
 *
 * <p>A file put in place keeps the mode of the one it replaces (a site file stays readable by the runtime user only);
 * a new site file is made so. A site file that carries a secret (a password, a token, a key) is refused: secrets
 * live in their own files on the gateway, never in a package that is downloaded, kept and copied.
 */
final class ResourceFiles {

    private static final String ABSENT = ".absent";
    /** A secret written into a site file: password, token, key or keyHex with a value, in block or flow style. */
    private static final Pattern INLINE_SECRET = Pattern.compile(
            "(?m)(?:^|[{,])[ \\t-]*(password|token|key|keyHex)[ \\t]*:[ \\t]*[^\\s#]");

    private final ResourceTargets targets;
    private final Path staging;
    private final Path originals;
    private final List<Change> pending = new ArrayList<>();

    ResourceFiles(ResourceTargets targets, Path workDir) {
        this.targets = targets;
        this.staging = workDir.resolve("staging");
        this.originals = workDir.resolve("originals");
    }

    private record Change(String name, Path target, Optional<Path> staged) {
    }

    synchronized void begin() throws IOException {
        pending.clear();
        SecretFile.privateDirectory(staging);
        SecretFile.privateDirectory(originals);
    }

    /** @throws IllegalArgumentException when this processor does not take a resource of that name */
    synchronized void process(String name, InputStream content) throws IOException {
        Path target = target(name);
        Path staged = staging.resolve(pending.size() + "-" + key(name));
        Files.copy(content, staged, StandardCopyOption.REPLACE_EXISTING);
        pending.add(new Change(name, target, Optional.of(staged)));
    }

    synchronized void dropped(String name) {
        pending.add(new Change(name, target(name), Optional.empty()));
    }

    /** @throws IllegalArgumentException naming a staged resource that cannot be installed */
    synchronized void prepare() throws IOException {
        for (Change change : pending) {
            if (change.staged().isPresent()) {
                byte[] bytes = Files.readAllBytes(change.staged().get());
                if (bytes.length == 0) {
                    throw new IllegalArgumentException("resource " + change.name() + " is empty");
                }
                String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                if (!text.contains(":")) {
                    throw new IllegalArgumentException("resource " + change.name() + " is not YAML");
                }
                Matcher secret = INLINE_SECRET.matcher(text);
                if (ResourceTargets.SITE.equals(change.name()) && secret.find()) {
                    throw new IllegalArgumentException("resource " + change.name() + " carries a secret ("
                            + secret.group(1) + "); a site file names secret files on the gateway instead ("
                            + secret.group(1).replace("keyHex", "key") + "File)");
                }
            }
        }
    }

    synchronized void commit() throws IOException {
        for (Change change : pending) {
            Path original = originals.resolve(key(change.name()));
            Path absent = originals.resolve(key(change.name()) + ABSENT);
            if (change.staged().isPresent()) {
                if (!Files.exists(original) && !Files.exists(absent)) {
                    if (Files.exists(change.target())) {
                        Files.copy(change.target(), original, StandardCopyOption.COPY_ATTRIBUTES);
                    } else {
                        Files.createFile(absent);
                    }
                }
                replace(change.target(), change.staged().get());
            } else if (Files.exists(original)) {
                replace(change.target(), original);
                Files.delete(original);
            } else if (Files.exists(absent)) {
                Files.deleteIfExists(change.target());
                Files.delete(absent);
            }
        }
        clear();
    }

    synchronized void rollback() throws IOException {
        clear();
    }

    private void clear() throws IOException {
        for (Change change : pending) {
            if (change.staged().isPresent()) {
                Files.deleteIfExists(change.staged().get());
            }
        }
        pending.clear();
    }

    // next to the target, then renamed: the site bundle never reads half a file; the mode stays the target's
    private void replace(Path target, Path content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".deploy-tmp");
        Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(absolute)) {
            copyMode(absolute, temporary);
        } else if (absolute.equals(targets.siteFile().toAbsolutePath())) {
            SecretFile.ownerOnly(temporary);
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyMode(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            target.setPermissions(source.readAttributes().permissions());
        }
    }

    private Path target(String name) {
        return targets.of(name).orElseThrow(() -> new IllegalArgumentException("resource " + name
                + " is neither profiles/<id>.yaml nor " + ResourceTargets.SITE));
    }

    private static String key(String name) {
        return HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
    }
}
