package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sections that secure a gateway, read from a site file: the console, the uplink's credential and TLS, the
 * deploy agent's trust. Settings land in ConfigAdmin as paths, never as secrets; problems come as file:line: field.
 */
class SecuritySectionsTest {

    private static final String HEAD = """
            gateway: {id: gw-1}
            site: {stationCode: "62001200", name: n, latitude: 30, longitude: 120}
            """;

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    private static Path cert;
    private static Path key;

    @BeforeAll
    static void clientCertificate() throws Exception {
        Path store = keys.resolve("gw.p12");
        keytool("-genkeypair", "-alias", "gw", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=gw-1",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        cert = keys.resolve("gw.crt");
        keytool("-exportcert", "-rfc", "-alias", "gw", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        PrivateKey privateKey = (PrivateKey) KeyStore.getInstance(store.toFile(), "changeit".toCharArray())
                .getKey("gw", "changeit".toCharArray());
        key = Files.writeString(keys.resolve("gw.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void consoleUplinkAndDeploySettingsBecomeConfigurationsThatNameFilesNotSecrets() throws Exception {
        secret("uplink.password", "s3cret-never-logged");
        secret("console.token", "0123456789abcdef0123456789abcdef");
        Files.copy(cert, dir.resolve("broker-ca.pem"));
        Files.copy(cert, dir.resolve("gw.crt"));
        Files.copy(key, dir.resolve("gw.key"));
        Files.setPosixFilePermissions(dir.resolve("gw.key"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(dir.resolve("trusted-signers"));
        Files.copy(cert, dir.resolve("download-ca.pem"));

        Map<String, Map<String, Object>> config = apply(HEAD + """
                uplink:
                  broker: ssl://broker.example:8883
                  username: gw-1
                  passwordFile: uplink.password
                  tls: {caFile: broker-ca.pem, certFile: gw.crt, keyFile: gw.key}
                  maxCommandBytes: 32768
                  commandLifetime: 1h
                  reconnectMax: 10s
                  telemetryEncoding: compact
                console:
                  host: 0.0.0.0
                  port: 8443
                  allowedHosts: [gw-1.local]
                  retry: 10s
                deploy:
                  trustedSigners: trusted-signers
                  caFile: download-ca.pem
                  maxPackageMiB: 32
                  minimumVersions: {io.weir.gateway: 1.2.0}
                  healthTimeout: 2m
                """);

        assertThat(config.get("io.weir.uplink")).contains(entry("brokerUrl", "ssl://broker.example:8883"),
                entry("username", "gw-1"), entry("passwordFile", dir.resolve("uplink.password").toString()),
                entry("caFile", dir.resolve("broker-ca.pem").toString()),
                entry("certFile", dir.resolve("gw.crt").toString()), entry("keyFile", dir.resolve("gw.key").toString()))
                .contains(entry("maxCommandBytes", 32768), entry("maxCommandLifetimeSeconds", 3600),
                        entry("maxReconnectDelaySeconds", 10), entry("telemetryEncoding", "compact"))
                .containsKey("secretsStamp");
        assertThat(config.get("io.weir.console")).contains(entry("host", "0.0.0.0"), entry("port", 8443),
                entry("tokenFile", dir.resolve("console.token").toString()), entry("retrySeconds", 10))
                .hasEntrySatisfying("allowedHosts", hosts -> assertThat((String[]) hosts).containsExactly("gw-1.local"));
        assertThat(config.get("io.weir.deploy")).contains(
                entry("trustedCertificates", dir.resolve("trusted-signers").toString()),
                entry("httpsCaFile", dir.resolve("download-ca.pem").toString()), entry("maxPackageMiB", 32),
                entry("healthTimeoutSeconds", 120))
                .hasEntrySatisfying("minimumVersions", v -> assertThat((String[]) v)
                        .containsExactly("io.weir.gateway:1.2.0"));
        assertThat(config.values()).allSatisfy(properties -> assertThat(new ObjectMapper()
                .writeValueAsString(properties)).doesNotContain("s3cret", "0123456789abcdef", "PRIVATE"));
        // a key file others could read is made the runtime user's only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("gw.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void anUnknownTelemetryEncodingIsAProblemAndNoneKeepsJson() throws Exception {
        assertThat(problems(HEAD + """
                uplink:
                  broker: tcp://broker:1883
                  telemetryEncoding: protobuf
                """)).containsExactly("site.yaml:5: uplink.telemetryEncoding: 'protobuf' is not one of json, compact");
        assertThat(apply(HEAD + """
                uplink:
                  broker: tcp://broker:1883
                """).get("io.weir.uplink")).doesNotContainKey("telemetryEncoding");
    }

    @Test
    void secretsInTheSiteFileAndAConsoleOnTheNetworkWithoutATokenAreProblems() throws Exception {
        assertThat(problems(HEAD + """
                uplink:
                  broker: tcp://broker:1883
                  username: gw-1
                  password: hunter2
                console:
                  host: 0.0.0.0
                  token: abcdefabcdefabcdefabcdef
                """)).containsExactly(
                "site.yaml:6: uplink.password: secrets are not written in the site file: put it in a file that only"
                        + " the gateway's user can read (mode 600) and name that file with passwordFile",
                "site.yaml:8: console.tokenFile: a console reachable on 0.0.0.0 needs its token: no "
                        + dir.resolve("console.token"),
                "site.yaml:9: console.token: secrets are not written in the site file: put it in a file that only"
                        + " the gateway's user can read (mode 600) and name that file with tokenFile");
    }

    @Test
    void wrongFilesAreNamedWithTheirFieldAndLine() throws Exception {
        Files.writeString(dir.resolve("not-a-cert.pem"), "hello\n");
        Files.copy(cert, dir.resolve("gw.crt"));
        secret("other.key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");

        assertThat(problems(HEAD + """
                uplink:
                  broker: tcp://broker:1883
                  passwordFile: nowhere.password
                  tls: {caFile: not-a-cert.pem, certFile: gw.crt, keyFile: other.key}
                deploy:
                  trustedSigners: no-such-dir
                  minimumVersions: {io.weir.gateway: one}
                """)).containsExactly(
                "site.yaml:5: uplink.passwordFile: secret file " + dir.resolve("nowhere.password")
                        + " does not exist or is not a file",
                "site.yaml:5: uplink.passwordFile: needs a username",
                "site.yaml:6: uplink.tls: needs an ssl:// broker",
                "site.yaml:6: uplink.tls.caFile: " + dir.resolve("not-a-cert.pem")
                        + " is not a PEM file of certificates: No certificate data found",
                "site.yaml:6: uplink.tls.keyFile: " + dir.resolve("other.key") + " holds a EC PRIVATE KEY; give an"
                        + " unencrypted PKCS#8 key (BEGIN PRIVATE KEY), e.g. openssl pkcs8 -topk8 -nocrypt -in"
                        + " other.key -out key.pem",
                "site.yaml:8: deploy.trustedSigners: no directory " + dir.resolve("no-such-dir"),
                "site.yaml:9: deploy.minimumVersions.io.weir.gateway: 'one' is not an OSGi version:"
                        + " major[.minor[.micro[.qualifier]]]");
    }

    @Test
    void theSizeLimitCountsComments() throws Exception {
        String comments = ("#" + "x".repeat(1023) + "\n").repeat(YamlFile.MAX_CHARS / 1024 + 1);

        assertThat(problems(HEAD + "uplink: {broker: tcp://broker:1883}\n" + comments)).containsExactly(
                "site.yaml: the file is longer than " + YamlFile.MAX_CHARS + " characters, comments included; a site"
                        + " file or profile is at most that");
    }

    private void secret(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content + "\n");
        Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-------"));
    }

    private Parsed<SiteModel> parse(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), yaml);
        return new SiteFileParser(new ProfileDirectory(dir.resolve("profiles"), new ProfileParser())).parse(file);
    }

    private List<String> problems(String yaml) throws Exception {
        return parse(yaml).problems().stream().map(Problem::toString).toList();
    }

    private Map<String, Map<String, Object>> apply(String yaml) throws Exception {
        Parsed<SiteModel> parsed = parse(yaml);
        assertThat(parsed.problems()).isEmpty();
        Map<String, Map<String, Object>> byPid = new java.util.TreeMap<>();
        for (TargetConfiguration target : new ConfigurationMapper(new ObjectMapper()).map(parsed.value()
                .orElseThrow())) {
            byPid.put(target.toString(), target.properties());
        }
        return byPid;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
