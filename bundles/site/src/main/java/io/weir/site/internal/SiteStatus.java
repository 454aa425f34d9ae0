package io.weir.site.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which site file is in force and which was last rejected: the {@code site} part of the gateway's status. The
 * file in force is remembered across restarts (ConfigAdmin keeps its configurations in the framework storage), so
 * a gateway started with a broken file can say truthfully what it runs instead.
 */
final class SiteStatus {

    /** The configuration ConfigAdmin holds: what the site file said when it was last applied. */
    record InForce(String file, String sha256, Instant appliedAt) {
    }

    /** A file that was not applied, and why. */
    record Rejected(String file, String sha256, Instant at, List<Problem> problems) {
    }

    private final Path recordFile;
    private final Clock clock;
    private volatile Optional<InForce> inForce;
    private volatile Optional<Rejected> rejected = Optional.empty();

    /** @param recordFile where the file in force is remembered (in the bundle's data area) */
    SiteStatus(Path recordFile, Clock clock) {
        this.recordFile = recordFile;
        this.clock = clock;
        this.inForce = load(recordFile);
    }

    Optional<InForce> inForce() {
        return inForce;
    }

    Optional<Rejected> rejected() {
        return rejected;
    }

    /** @throws IOException when the record cannot be written; the configuration is applied all the same */
    void applied(Path file, String sha256) throws IOException {
        InForce now = new InForce(file.toAbsolutePath().toString(), sha256, clock.instant());
        inForce = Optional.of(now);
        rejected = Optional.empty();
        save(now);
    }

    void rejected(Path file, String sha256, List<Problem> problems) {
        rejected = Optional.of(new Rejected(file.toAbsolutePath().toString(), sha256, clock.instant(),
                List.copyOf(problems)));
    }

    /** What runs instead of a rejected file, said for the log. */
    String fallback() {
        return inForce.map(f -> "the last good configuration stays in force: " + f.file() + " (sha256 "
                        + f.sha256().substring(0, 12) + ", applied " + f.appliedAt() + ")")
                .orElse("no site file has ever been applied on this gateway, so nothing is configured until a "
                        + "good one arrives");
    }

    String json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("state", rejected.isPresent() ? "rejected" : inForce.isPresent() ? "in-force" : "unconfigured");
        inForce.ifPresentOrElse(f -> {
            ObjectNode node = root.putObject("inForce");
            node.put("file", f.file());
            node.put("sha256", f.sha256());
            node.put("appliedAt", f.appliedAt().toString());
        }, () -> root.putNull("inForce"));
        rejected.ifPresentOrElse(r -> {
            ObjectNode node = root.putObject("rejected");
            node.put("file", r.file());
            if (r.sha256() == null) {
                node.putNull("sha256");
            } else {
                node.put("sha256", r.sha256());
            }
            node.put("at", r.at().toString());
            ArrayNode problems = node.putArray("problems");
            for (Problem p : r.problems()) {
                problems.addObject().put("file", p.file()).put("line", p.line()).put("field", p.field())
                        .put("message", p.message());
            }
        }, () -> root.putNull("rejected"));
        return root.toString();
    }

    private void save(InForce now) throws IOException {
        Properties p = new Properties();
        p.setProperty("file", now.file());
        p.setProperty("sha256", now.sha256());
        p.setProperty("appliedAt", now.appliedAt().toString());
        Files.createDirectories(recordFile.toAbsolutePath().getParent());
        Path tmp = recordFile.resolveSibling(recordFile.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "the site file whose configuration ConfigAdmin holds");
        }
        Files.move(tmp, recordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<InForce> load(Path recordFile) {
        if (!Files.isRegularFile(recordFile)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(recordFile, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new InForce(p.getProperty("file"), p.getProperty("sha256"),
                    Instant.parse(p.getProperty("appliedAt"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable record: the configuration still runs, we just cannot name it
        }
    }
}
