package io.weir.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's progress as an operator watches it. On a terminal the view redraws in place: the rollout's state and
 * wave, then one line per gateway with its wave, state and a download bar. Elsewhere (a pipe, a CI log) it prints a
 * plain line for each change only, so a log reads as a history.
 */
final class ProgressView {
    private static final int BAR = 20;

    private final PrintWriter out;
    private final boolean live;
    private int drawn;
    private String lastHeader;
    private final Map<String, String> lastLines = new HashMap<>();

    ProgressView(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    void show(JsonNode rollout) {
        String header = header(rollout);
        List<String> lines = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (JsonNode job : rollout.path("jobs")) {
            if (!job.path("supersededBy").isNull() && !job.path("supersededBy").isMissingNode()) {
                continue;
            }
            keys.add(job.path("gatewayId").asText());
            lines.add(line(job));
        }
        if (live) {
            if (drawn > 0) {
                out.print("\033[" + drawn + "A\033[J"); // back to the top of the last drawing, clear below
            }
            out.println(header);
            lines.forEach(out::println);
            drawn = 1 + lines.size();
        } else {
            if (!header.equals(lastHeader)) {
                out.println(header);
                lastHeader = header;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).equals(lastLines.put(keys.get(i), lines.get(i)))) {
                    out.println(lines.get(i));
                }
            }
        }
        out.flush();
    }

    static String header(JsonNode r) {
        StringBuilder text = new StringBuilder(r.path("rolloutId").asText()).append("  ")
                .append(r.path("name").asText()).append(' ').append(r.path("version").asText()).append(" -> ")
                .append(r.path("target").asText()).append("  ").append(r.path("state").asText())
                .append("  wave ").append(r.path("currentWave").asInt()).append('/').append(r.path("waveCount").asInt());
        JsonNode jobs = r.path("jobs");
        long done = 0;
        long active = 0;
        for (JsonNode j : jobs) {
            if (j.path("supersededBy").isTextual()) {
                continue;
            }
            active++;
            if (j.path("state").asText().equals("SUCCEEDED")) {
                done++;
            }
        }
        text.append("  ").append(done).append('/').append(active).append(" succeeded");
        if (r.path("state").asText().equals("SOAKING") && r.path("nextWaveAt").isTextual()) {
            text.append("  next wave at ").append(r.path("nextWaveAt").asText());
        }
        if (r.path("haltReason").isTextual()) {
            text.append(System.lineSeparator()).append("  halted: ").append(r.path("haltReason").asText());
        }
        return text.toString();
    }

    static String line(JsonNode job) {
        String state = job.path("state").asText();
        StringBuilder text = new StringBuilder(String.format("  %-20s wave %-3d %-12s", job.path("gatewayId").asText(),
                job.path("wave").asInt(), state));
        long bytes = job.path("bytes").asLong(-1);
        long total = job.path("totalBytes").asLong(-1);
        int percent = switch (state) {
            case "SUCCEEDED", "DOWNLOADED", "VERIFIED", "INSTALLED" -> 100;
            case "DOWNLOADING" -> total > 0 && bytes >= 0 ? (int) Math.min(100, bytes * 100 / total) : 0;
            default -> -1;
        };
        if (percent >= 0) {
            int filled = percent * BAR / 100;
            text.append(" [").append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                    .append(String.format("%3d %%", percent));
        }
        if (job.path("detail").isTextual()) {
            text.append("  ").append(job.path("detail").asText());
        }
        return text.toString().stripTrailing();
    }
}
