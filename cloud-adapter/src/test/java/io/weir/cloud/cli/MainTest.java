package io.weir.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.cloud.CaseClass;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.cloud.DeliveryOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private static final String TOKEN = "0123456789abcdef-test";

    /** Parses the arguments with an operator's token added, as every start with the HTTP API needs one. */
    private static CloudAdapterConfig parse(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--ops-token", TOKEN));
        return parseOnly(all.toArray(String[]::new));
    }

    private static CloudAdapterConfig parseOnly(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Test
    void theHttpApiNeedsAnOperatorAndSecretFilesMustBeTheOwnersAlone(@org.junit.jupiter.api.io.TempDir
                                                                      java.nio.file.Path dir) throws Exception {
        String[] base = {"--county-base-uri", "http://127.0.0.1:8480", "--app-key", "weir", "--app-secret", "s3cret"};
        assertThat(System.getenv(SecurityCli.OPS_TOKEN_ENV)).isNull();
        assertThatThrownBy(() -> parseOnly(base)).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("needs an operator's token").hasMessageContaining("--http-port -1");
        assertThat(parseOnly(concat(base, "--http-port", "-1")).security().ops().isEmpty()).isTrue();

        java.nio.file.Path operators = dir.resolve("operators");
        java.nio.file.Files.writeString(operators, "# who may change things\nalice sha256:"
                + io.weir.cloud.OpsAccess.sha256("alice-token-0123456789") + "\nbob sha256:nothex\n");
        java.nio.file.Files.setPosixFilePermissions(operators, java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-r--r--"));
        assertThatThrownBy(() -> parseOnly(concat(base, "--ops-operators", operators.toString())))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(operators + " is open to group or others").hasMessageContaining("chmod 600");
        java.nio.file.Files.setPosixFilePermissions(operators, java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-------"));
        assertThatThrownBy(() -> parseOnly(concat(base, "--ops-operators", operators.toString())))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(operators + ":3: the token digest of bob is not 64 lower-case hex digits");
        java.nio.file.Files.writeString(operators, "alice sha256:"
                + io.weir.cloud.OpsAccess.sha256("alice-token-0123456789") + "\n");

        java.nio.file.Path password = dir.resolve("mqtt-password");
        java.nio.file.Files.writeString(password, "broker-s3cret\n");
        java.nio.file.Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-------"));
        java.nio.file.Path gateways = dir.resolve("gateways");
        java.nio.file.Files.writeString(gateways, "gw-1\ngw-2  # river station\n\n");
        CloudAdapterConfig config = parseOnly(concat(base, "--ops-operators", operators.toString(),
                "--http-allowed-host", "ops.county.example", "--mqtt-username", "weir-cloud", "--mqtt-password-file",
                password.toString(), "--gateway", "gw-3", "--gateways-file", gateways.toString(),
                "--max-message-bytes", "65536", "--command-ttl", "PT5M", "--ack-ttl", "PT1H"));
        assertThat(config.security().ops().operator("alice-token-0123456789")).isEqualTo("alice");
        assertThat(config.security().ops().allowedHosts()).containsExactly("ops.county.example");
        assertThat(config.security().mqtt().username()).isEqualTo("weir-cloud");
        assertThat(config.security().mqtt().password()).isEqualTo("broker-s3cret");
        assertThat(config.security().mqtt().maxMessageBytes()).isEqualTo(65536);
        assertThat(config.security().gateways()).containsExactlyInAnyOrder("gw-1", "gw-2", "gw-3");
        assertThat(config.security().commandTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.toString()).doesNotContain("broker-s3cret").doesNotContain("alice-token");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void defaultsComeFromTheConfigurationRecords() {
        CloudAdapterConfig config = parse("--county-base-uri", "http://127.0.0.1:8480", "--app-key", "weir",
                "--app-secret", "s3cret");

        assertThat(config.brokerUrl()).isEqualTo("tcp://localhost:1883");
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:weir-cloud.db");
        assertThat(config.sharedSubscriptionGroup()).isNull();
        assertThat(config.countyBaseUri()).isEqualTo(URI.create("http://127.0.0.1:8480"));
        assertThat(config.caseMapping().event()).isEqualTo(CaseClass.defaultEvent());
        assertThat(config.caseMapping().component()).isEqualTo(CaseClass.defaultComponent());
        assertThat(config.delivery()).isEqualTo(DeliveryOptions.defaults());
    }

    @Test
    void everyOptionReachesTheConfiguration() {
        CloudAdapterConfig config = parse("--broker-url", "tcp://broker:1883", "--client-id", "adapter-2",
                "--shared-group", "weir-adapter", "--jdbc-url", "jdbc:sqlite:/tmp/x.db",
                "--county-base-uri", "https://county.example/", "--app-key", "weir", "--app-secret", "s3cret",
                "--event-small-class", "0402", "--event-department", "emergency", "--event-time-limit-hours", "1",
                "--component-small-class", "0107", "--component-department", "utilities",
                "--component-time-limit-hours", "72", "--poll-interval", "PT1S", "--retry-base", "PT2S",
                "--retry-cap", "PT1M", "--request-timeout", "PT3S");

        assertThat(config.clientId()).isEqualTo("adapter-2");
        assertThat(config.sharedSubscriptionGroup()).isEqualTo("weir-adapter");
        assertThat(config.caseMapping().event()).isEqualTo(new CaseClass("EVENT", "04", "0402", "emergency", 1));
        assertThat(config.caseMapping().component())
                .isEqualTo(new CaseClass("COMPONENT", "01", "0107", "utilities", 72));
        assertThat(config.delivery().retryBase()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.delivery().retryCap()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.delivery().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theCaseMappingFileComesOnTopOfTheOptionsAndItsProblemsStopTheStart() throws Exception {
        java.nio.file.Path small = java.nio.file.Files.createTempFile("mapping", ".yaml");
        java.nio.file.Files.writeString(small, "version: 1\nrules:\n  - rule: river-level\n    department: flood\n");
        CloudAdapterConfig config = parse("--county-base-uri", "http://127.0.0.1:8480", "--app-key", "weir",
                "--app-secret", "s3cret", "--component-department", "utilities", "--event-time-limit-hours", "3",
                "--case-mapping", small.toString());
        java.nio.file.Files.delete(small);
        assertThat(config.caseMapping().component().department()).isEqualTo("utilities");
        assertThat(config.caseMapping().resolve("river-level", "RED").caseClass())
                .isEqualTo(new CaseClass("EVENT", "04", "0401", "flood", 3));
        assertThat(parse("--county-base-uri", "http://127.0.0.1:8480", "--app-key", "weir", "--app-secret", "s3cret",
                "--case-mapping", "case-mapping.example.yaml").caseMapping().rules()).hasSize(4);

        java.nio.file.Path broken = java.nio.file.Files.createTempFile("mapping", ".yaml");
        java.nio.file.Files.writeString(broken, "version: 1\nrules:\n  - rule: x\n    timeLimitHours: soon\n");
        assertThatThrownBy(() -> parse("--county-base-uri", "http://127.0.0.1:8480", "--app-key", "weir",
                "--app-secret", "s3cret", "--case-mapping", broken.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(broken + ":4: rules[0].timeLimitHours: 'soon' is not a whole number of hours");
        java.nio.file.Files.delete(broken);
    }

    @Test
    void refusesToStartWithoutASecret() {
        // WEIR_COUNTY_APP_SECRET is not set in the test environment
        assertThat(System.getenv(Main.SECRET_ENV)).isNull();
        assertThatThrownBy(() -> parse("--county-base-uri", "http://127.0.0.1:8480", "--app-key", "weir"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(Main.SECRET_ENV);
    }

    @Test
    void usageShowsTheDefaultsAndWhereTheSecretComesFrom() {
        StringWriter out = new StringWriter();
        new CommandLine(new Main()).usage(new PrintWriter(out));
        assertThat(out.toString()).contains("--county-base-uri").contains("0401").contains("PT5M")
                .contains("WEIR_COUNTY_APP_SECRET");
    }
}
