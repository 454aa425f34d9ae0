package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless browser (Debian's chromium). Skipped with a message when /usr/bin/chromium is
 * absent, unless {@code -Dweir.browser=required} (the CI step), where its absence fails the test.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theDashboardShowsGatewaysReadingsAlarmsAndCases() throws Exception {
        boolean required = "required".equals(System.getProperty("weir.browser"));
        if (!Files.isExecutable(CHROMIUM)) {
            assertThat(required).as("-Dweir.browser=required but " + CHROMIUM + " is missing").isFalse();
            Assumptions.abort("SKIPPED: " + CHROMIUM + " is absent (apt-get install -y chromium); the CI step "
                    + ".ci/steps/60-dashboard.sh runs this test for real");
        }
        try (AdapterHarness harness = new AdapterHarness(dir, TestDatabase.SQLITE)) {
            CloudAdapter adapter = harness.start();
            FakeGateway gateway = harness.gateway("gw-yx-001");
            gateway.publish("state", Payloads.birth("gw-yx-001"));
            gateway.publish("telemetry", Payloads.telemetry("gw-yx-001", 1, Payloads.reading(Payloads.LEVEL_CHANNEL,
                    "2026-11-21T08:00:00Z", 3.412, "m")));
            gateway.publish("alarm", Payloads.alarm("gw-yx-001", 2, Payloads.event("gw-yx-001:river-level:1", "RED",
                    "RAISED", 1, 4.2)));
            await().atMost(Duration.ofSeconds(30)).until(() -> adapter.stats().casesOpened() == 1);

            // the browser signs in as a person would: Basic, the operator's name and token (here in the URL)
            String dom = dumpDom(adapter.httpUri().toString().replace("http://", "http://ops:"
                    + AdapterHarness.OPS_TOKEN + "@"));

            assertThat(dom).contains("Weir operations").contains("gw-yx-001").contains("online")
                    .contains("weir 0.1.0").contains(Payloads.LEVEL_CHANNEL).contains("3.412")
                    .contains("gw-yx-001:river-level:1").contains("RED").contains("SENT")
                    .contains(harness.county.cases().get(0).caseId());
        }
    }

    private String dumpDom(String url) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Path out = dir.resolve("dom.html");
        Process browser = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--dump-dom", url))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        if (!browser.waitFor(90, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: "
                    + Files.readString(dir.resolve("chromium.log")));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
