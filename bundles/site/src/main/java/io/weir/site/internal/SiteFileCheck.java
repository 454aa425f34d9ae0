package io.weir.site.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A site file offered from outside (pasted or uploaded on the station page, or sent as a command): checked by the
 * same parser, against the same profiles, as the gateway's own site file, and put in place only when it is good.
 * The gateway's file watcher then reloads it as after any edit.
 */
final class SiteFileCheck {

    /**
     * What the check found.
     *
     * @param file     the site file the text was checked as
     * @param problems every problem, each with file, line and field; empty when the text is good
     * @param summary  for a good text: gateway, station, how many devices and rules
     */
    record Outcome(Path file, List<Problem> problems, Map<String, Object> summary) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private final Path siteFile;
    private final SiteFileParser parser;

    SiteFileCheck(SiteLocations locations) {
        this.siteFile = locations.siteFile().toAbsolutePath().normalize();
        this.parser = new SiteFileParser(new ProfileDirectory(locations.profilesDir(), new ProfileParser()));
    }

    Path siteFile() {
        return siteFile;
    }

    Outcome check(String text) {
        Parsed<SiteModel> parsed = parser.parse(text, siteFile);
        var summary = new LinkedHashMap<String, Object>();
        parsed.value().ifPresent(model -> {
            summary.put("gatewayId", model.site().gatewayId());
            summary.put("stationCode", model.site().stationCode());
            summary.put("devices", model.devices().size());
            summary.put("rules", model.rules().size());
        });
        return new Outcome(siteFile, parsed.problems(), summary);
    }

    /**
     * Replaces the site file with {@code text} in one step: written beside it, forced to disk with the old file's
     * permissions, then renamed over it, so the watcher never reads half a file and a power cut leaves either the
     * old or the new one.
     */
    void replace(String text) throws IOException {
        Path dir = siteFile.getParent();
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        Path temp = dir.resolve("." + siteFile.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".new");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            keepMode(temp);
            try {
                Files.move(temp, siteFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, siteFile, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The new file gets the old one's permissions: a site file may hold passwords readable by the gateway only. */
    private void keepMode(Path temp) throws IOException {
        if (!Files.exists(siteFile)
                || Files.getFileAttributeView(siteFile, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(siteFile);
        Files.setPosixFilePermissions(temp, mode);
    }

    /** The rename itself reaches the disk (Linux: fsync of the directory). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems do not open directories; the rename is still done
        }
    }
}
