package io.weir.site.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the site file's {@code console} section: where the technician's console listens and which file holds its
 * tokens. The console always asks for a token; one reachable from the network must have its token file in place.
 */
final class ConsoleSectionParser {

    static final String PID = "io.weir.console";
    /** Where the installer writes the console's token unless the section names another file. */
    static final String TOKEN_FILE = "console.token";
    private static final List<String> FIELDS = List.of("host", "port", "tokenFile", "token", "allowedHosts",
            "retry", "unansweredPolls");
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final Problems problems;
    private final FileFields files;

    ConsoleSectionParser(Problems problems, FileFields files) {
        this.problems = problems;
        this.files = files;
    }

    Optional<SectionConfiguration> parse(YamlMap map) {
        int before = problems.list().size();
        map.allowOnly(FIELDS);
        Map<String, Object> p = new LinkedHashMap<>();
        String host = map.optionalText("host").map(String::strip).orElse("127.0.0.1");
        p.put("host", host);
        if (map.keys().contains("port")) {
            map.requiredInt("port", 0, 65535).ifPresent(port -> p.put("port", port));
        }
        files.refuseInline(map, "token", "tokenFile");
        Path tokenFile = files.path(map, "tokenFile").orElse(files.beside(TOKEN_FILE));
        p.put("tokenFile", tokenFile.toString());
        if (Files.exists(tokenFile)) {
            files.secret(tokenFile, map.lineOf("tokenFile"), map.field("tokenFile"));
        } else if (!LOOPBACK.contains(host)) {
            problems.add(map.lineOf("tokenFile"), map.field("tokenFile"), "a console reachable on " + host
                    + " needs its token: no " + tokenFile);
        }
        List<String> names = new ArrayList<>();
        for (YamlMap.Element element : map.list("allowedHosts", false)) {
            map.text(element).ifPresent(names::add);
        }
        if (!names.isEmpty()) {
            p.put("allowedHosts", names.toArray(String[]::new));
        }
        map.duration("retry", false).filter(retry -> {
            if (!retry.isNegative() && retry.compareTo(Duration.ofSeconds(1)) >= 0) {
                return true;
            }
            problems.add(map.lineOf("retry"), map.field("retry"), "must be at least 1s");
            return false;
        }).ifPresent(retry -> p.put("retrySeconds", (int) retry.toSeconds()));
        if (map.keys().contains("unansweredPolls")) {
            map.requiredInt("unansweredPolls", 1, 1_000_000).ifPresent(n -> p.put("unansweredPolls", n));
        }
        return problems.list().size() == before ? Optional.of(new SectionConfiguration(PID, null, p))
                : Optional.empty();
    }
}
