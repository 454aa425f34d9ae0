package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site file's metrics section: where the gateway serves /metrics, and its scrape token. */
class MetricsSectionTest {

    @TempDir
    Path dir;

    private SectionFiles files;

    @BeforeEach
    void profiles() {
        files = new SectionFiles(dir);
    }

    private Parsed<SiteModel> parse(String rest) throws IOException {
        return files.parse(rest);
    }

    private Map<String, Object> configuration(String rest) throws IOException {
        return SectionFiles.configuration(parse(rest), "io.weir.metrics");
    }

    @Test
    void hostPortAndATokenFromAFileAreSet() throws IOException {
        Files.writeString(dir.resolve("metrics.token"), "scrape-token-0123456789\n");
        Map<String, Object> set = configuration("metrics: {host: 0.0.0.0, port: 9100, tokenFile: metrics.token}\n");
        assertThat(set).containsOnlyKeys("host", "port", "tokenFile", "tokenStamp", "weir.site.managed").contains(
                entry("host", "0.0.0.0"), entry("port", 9100),
                entry("tokenFile", dir.resolve("metrics.token").toAbsolutePath().normalize().toString()),
                entry("weir.site.managed", true)).doesNotContainValue("scrape-token-0123456789");
        assertThat(configuration("metrics: {port: -1}\n")).containsOnly(entry("port", -1),
                entry("weir.site.managed", true));
    }

    @Test
    void problemsNameTheLineAndNeverTheToken() throws IOException {
        Files.writeString(dir.resolve("short.token"), "short-secret\n");
        List<String> problems = parse("metrics:\n  port: 70000\n  tokenFile: short.token\n  token: inline-secret\n")
                .problems().stream().map(Problem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("site.yaml:5").contains("metrics.port"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("site.yaml:6").contains("at least 16"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("site.yaml:7").contains("metrics.token")
                .contains("tokenFile"));
        assertThat(String.join("\n", problems)).doesNotContain("short-secret").doesNotContain("inline-secret");
    }
}
