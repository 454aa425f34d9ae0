package io.weir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's own class-data sharing archive, in its data directory. Most of what a gateway's JVM does before the
 * first reading, and much of the memory it holds at rest, is the few thousand classes of the framework and the
 * bundles: parsed, verified and laid out in metaspace at every start. A dynamic CDS archive keeps them ready to be
 * mapped from a file. JDK 17 cannot create one on its own when it is missing (JDK 19's
 * {@code -XX:+AutoCreateSharedArchive}), so this does it: a runtime started without a matching archive is started
 * with {@code -XX:ArchiveClassesAtExit} and writes one when it ends (a clean stop, not a power cut); the next start
 * checks it and maps it with {@code -XX:SharedArchiveFile}, as every start after that does.
 *
 * <p>An archive matches one JDK, one gateway jar and one set of JVM flags: its name carries a digest of them, so an
 * upgraded JDK or runtime, or a changed {@code jvm.options}, writes a new one and the old ones are removed. A
 * bundle that a deployment package replaced needs nothing: the JVM takes a class from the archive only when the
 * class file it is asked to define is byte for byte the one archived, and loads a changed one as usual.
 * {@link RuntimeFlags} adds its flags wherever the runtime is started.
 */
final class ClassDataArchive {

    static final String PREFIX = "classes-";
    static final String SUFFIX = ".jsa";
    /** What a runtime writes at exit, until a probe has mapped it. */
    static final String WRITTEN = ".new";
    private static final long PROBE_SECONDS = 60;

    private ClassDataArchive() {
    }

    /**
     * The flags that map the archive for this runtime, or have it written at exit when there is none yet; none when
     * {@code jvmFlags} already decide about class-data sharing ({@code -Xshare:off}, an archive of their own) or
     * there is no gateway jar to start.
     *
     * @param java the {@code java} the runtime is started with; an archive a runtime wrote is first mapped by a
     *             short {@code java -version} of its own (see {@link #proven})
     */
    static List<String> flags(String java, Path dataDir, Path gatewayJar, List<String> jvmFlags)
            throws IOException {
        if (jvmFlags.stream().anyMatch(ClassDataArchive::decidesSharing) || !Files.isRegularFile(gatewayJar)) {
            return List.of();
        }
        Path archive = dataDir.toAbsolutePath().resolve(PREFIX + fingerprint(gatewayJar, jvmFlags) + SUFFIX);
        Path written = archive.resolveSibling(archive.getFileName() + WRITTEN);
        if (!Files.isRegularFile(archive) && Files.isRegularFile(written)
                && proven(java, written, gatewayJar, jvmFlags)) {
            // on the card before it has its name: a power cut must not leave an empty file under the mapped name
            try (FileChannel file = FileChannel.open(written, StandardOpenOption.READ)) {
                file.force(true);
            }
            Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.isRegularFile(archive)) {
            // what an older runtime or JDK left, e.g. written at the stop of the runtime an upgrade replaced
            removeArchivesIn(dataDir, archive);
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        removeArchivesIn(dataDir, null);
        // the JVM reports every class it leaves out of the archive as a warning; one line per class that was never
        // linked or comes from a library built for an old class file version says nothing to act on
        return List.of("-XX:ArchiveClassesAtExit=" + written, "-Xlog:cds=error,cds+dynamic=error");
    }

    /**
     * Whether the JVM maps an archive written at the last exit, with every region's checksum checked. A JVM ended
     * while it wrote its archive (a power cut, systemd's stop timeout, a full disk) leaves a short or partly empty
     * file, and a JVM that maps such a file is killed by SIGBUS as soon as it reads past its end: that must
     * happen to this throwaway {@code java -version}, never to the runtime.
     */
    static boolean proven(String java, Path written, Path gatewayJar, List<String> jvmFlags) throws IOException {
        List<String> probe = new ArrayList<>();
        probe.add(java);
        probe.addAll(jvmFlags);
        // a probe that dies of a bad archive has done its job: no crash report or core file is left behind
        probe.addAll(List.of("-XX:ErrorFile=/dev/null", "-XX:-CreateCoredumpOnCrash",
                "-Xshare:on", "-XX:+VerifySharedSpaces", "-XX:SharedArchiveFile=" + written,
                "-cp", gatewayJar.toAbsolutePath().toString(), "-version"));
        Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean decidesSharing(String flag) {
        return flag.startsWith("-Xshare:") || flag.startsWith("-XX:SharedArchiveFile")
                || flag.startsWith("-XX:ArchiveClassesAtExit");
    }

    /** A digest of what an archive is only valid for: the JDK, the gateway jar as built, the JVM flags. */
    static String fingerprint(Path gatewayJar, List<String> jvmFlags) throws IOException {
        BasicFileAttributes jar = Files.readAttributes(gatewayJar, BasicFileAttributes.class);
        String identity = String.join("\n", System.getProperty("java.home"), System.getProperty("java.vm.version"),
                gatewayJar.toAbsolutePath().toString(), Long.toString(jar.size()),
                Long.toString(jar.lastModifiedTime().toMillis()), String.join(" ", jvmFlags));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Removes every archive in {@code dataDir} but {@code kept} (may be null), finished or not. */
    private static void removeArchivesIn(Path dataDir, Path kept) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dataDir, PREFIX + "*" + SUFFIX + "*")) {
            for (Path file : old) {
                if (!file.equals(kept)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
