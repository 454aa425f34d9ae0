package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The station page in a real headless browser (Debian's chromium through its chromedriver), against the real
 * gateway process, the simulated field devices, the embedded broker and the cloud adapter: a technician sees live
 * values change, acknowledges an alarm on site and sees the siren drop, scans the bus, reads registers raw and
 * uploads a broken site file to see its problem by line. Skipped with a message when chromium or chromedriver is
 * absent, unless {@code -Dweir.browser=required} (the CI step), where their absence fails the test. Screenshots at
 * phone and laptop widths go to {@code -Dweir.screenshots=<dir>} (docs/images when refreshed by hand), else to
 * target/.
 */
class StationPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String LEVEL = "62001200/radar-1/water_level";

    @TempDir
    Path work;

    @Test
    void aTechnicianCommissionsTheStationFromThePage() throws Exception {
        boolean required = "required".equals(System.getProperty("weir.browser"));
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            assertThat(required).as("-Dweir.browser=required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing").isFalse();
            Assumptions.abort("SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER + " is absent (apt-get install -y"
                    + " chromium chromium-driver); the CI step .ci/steps/65-station-page.sh runs this test for real");
        }
        Path shots = Path.of(System.getProperty("weir.screenshots", "target/station-page"));
        Files.createDirectories(shots);
        try (Chain chain = Chain.startCloudAndField(ChainFixture.options(work))) {
            var alarms = new CopyOnWriteArrayList<String>();
            MqttClient listener = listen(chain, alarms);
            var console = new ConsoleWatch();
            chain.field().setWaterLevelMm(2100);
            chain.startGateway(console, "-Dweir.console.port=0");
            // a loaded build machine takes its time to start a JVM and a framework
            await("the configured console serving the site's readings").atMost(PATIENCE.multipliedBy(2))
                    .until(() -> console.serving(chain.consoleToken(), "radar-1"));
            String page = "http://127.0.0.1:" + console.port() + "/";
            WebDriver browser = browser();
            try {
                browser.manage().window().setSize(new Dimension(390, 844));
                browser.get(page);

                // the console always asks for a token: a technician types one of console.token's
                waitFor(browser, By.id("token")).sendKeys(chain.consoleToken());
                browser.findElement(By.id("login-form")).submit();

                // live values, as people read them
                click(browser, By.cssSelector("#tabs button[data-tab=devices]"));
                waitForText(browser, By.cssSelector("tr[data-channel='" + LEVEL + "'] td.value"), "2.100 m");
                chain.field().setWaterLevelMm(3456);
                waitForText(browser, By.cssSelector("tr[data-channel='" + LEVEL + "'] td.value"), "3.456 m");

                // past 4.50 m: RED, the siren sounds; acknowledged on site, it falls silent
                chain.field().setWaterLevelMm(4620);
                click(browser, By.cssSelector("#tabs button[data-tab=overview]"));
                waitFor(browser, By.cssSelector("#alarms .alarm.level-RED button.ack"));
                waitFor(browser, By.cssSelector("li[data-output=siren].on"));
                screenshot(browser, shots.resolve("station-phone-alarm.png"));
                click(browser, By.id("lang"));
                waitForText(browser, By.cssSelector("#alarms .alarm.level-RED button.ack"), "现场确认");
                screenshot(browser, shots.resolve("station-phone-alarm-zh.png"));
                click(browser, By.id("lang"));
                click(browser, By.cssSelector("#alarms .alarm.level-RED button.ack"));
                waitFor(browser, By.cssSelector("#alarms .alarm.level-RED .acked"));
                waitFor(browser, By.cssSelector("li[data-output=siren].off"));
                await("the on-site acknowledgement upstream").atMost(PATIENCE).until(() -> alarms.stream()
                        .anyMatch(a -> a.contains("\"transition\":\"ACKNOWLEDGED\"") && a.contains("\"by\":\"console\"")
                                && a.contains("\"onSite\":true")));

                // a bus scan and a raw read on the field devices' link
                click(browser, By.cssSelector("#tabs button[data-tab=tools]"));
                WebElement scan = browser.findElement(By.id("scan-form"));
                type(scan, "link", "127.0.0.1:" + chain.field().port());
                type(scan, "units", "1-4");
                scan.findElement(By.cssSelector("button[type=submit]")).click();
                waitForText(browser, By.cssSelector("#scan-result .found"), "1, 2");

                WebElement read = browser.findElement(By.id("read-form"));
                new Select(read.findElement(By.name("device"))).selectByValue("radar-1");
                type(read, "address", "3");
                type(read, "count", "1");
                read.findElement(By.cssSelector("button[type=submit]")).click();
                await("the raw read's answer").atMost(PATIENCE).ignoreExceptions().until(() -> !browser
                        .findElement(By.id("read-result")).getText().isBlank());
                assertThat(browser.findElements(By.cssSelector("#read-result table.words")))
                        .as(browser.findElement(By.id("read-result")).getText()).isNotEmpty();
                assertThat(browser.findElement(By.cssSelector("#read-result table.words")).getText())
                        .contains("0x120C", "4620");
                browser.manage().window().setSize(new Dimension(1366, 900));
                screenshot(browser, shots.resolve("station-laptop-tools.png"));

                // a broken site file, uploaded: its problem by line; nothing applied
                Path broken = work.resolve("site.yaml");
                String good = Files.readString(chain.layout().siteFile());
                Files.writeString(broken, good.replace("unitId: 1", "unitId: 300"), StandardCharsets.UTF_8);
                browser.findElement(By.id("site-upload")).sendKeys(broken.toAbsolutePath().toString());
                String line = "site.yaml:" + lineOf(good, "unitId: 1") + " devices[0].unitId";
                waitForText(browser, By.cssSelector("#site-result .problems li"), line);
                assertThat(browser.findElement(By.id("site-apply")).isEnabled()).isFalse();
                assertThat(Files.readString(chain.layout().siteFile())).isEqualTo(good);

                click(browser, By.cssSelector("#tabs button[data-tab=devices]"));
                waitFor(browser, By.cssSelector("[data-device=radar-1] .stats .state.ok"));
                screenshot(browser, shots.resolve("station-laptop-devices.png"));
                browser.manage().window().setSize(new Dimension(390, 844));
                screenshot(browser, shots.resolve("station-phone-devices.png"));
            } finally {
                browser.quit();
                listener.disconnect();
                listener.close();
            }
        } finally {
            // the gateway's log outlives the test's directory, for a failure to be looked into
            Path log = work.resolve("gateway/gateway.log");
            if (Files.exists(log)) {
                Files.createDirectories(Path.of("target"));
                Files.copy(log, Path.of("target", "station-page-gateway.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static WebDriver browser() {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=en-US", "--user-data-dir=" + profileDir());
        // the driver is named, so Selenium Manager never looks for (or downloads) one
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String profileDir() {
        try {
            return Files.createTempDirectory(Path.of("target"), "chromium-profile").toAbsolutePath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MqttClient listen(Chain chain, List<String> alarms) throws Exception {
        var client = new MqttClient(chain.broker().url(), "station-page-watch", new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe("weir/v1/" + Chain.GATEWAY_ID + "/alarm", 1,
                (topic, message) -> alarms.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        return client;
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return await(what.toString()).atMost(PATIENCE).ignoreExceptions()
                .until(() -> browser.findElement(what), e -> e.isDisplayed());
    }

    private static void waitForText(WebDriver browser, By what, String text) {
        await(what + " showing " + text).atMost(PATIENCE).ignoreExceptions()
                .until(() -> browser.findElement(what).getText(), shown -> shown.contains(text));
    }

    /**
     * The page redraws its lists on every refresh, so a button found a moment ago may be gone; a stale element was
     * not clicked (the driver refuses before clicking), so finding it again and clicking once more is safe.
     */
    private static void click(WebDriver browser, By what) {
        await("click " + what).atMost(PATIENCE).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    waitFor(browser, what).click();
                    return true;
                });
    }

    private static void type(WebElement form, String field, String text) {
        WebElement input = form.findElement(By.name(field));
        input.clear();
        input.sendKeys(text);
    }

    private static void screenshot(WebDriver browser, Path file) throws Exception {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Files.write(file, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " is not in the site file");
    }
}
