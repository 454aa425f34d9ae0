package io.weir.cloud.cli;

import io.weir.cloud.MqttOptions;
import io.weir.cloud.OpsAccess;
import io.weir.cloud.SecretFile;
import io.weir.cloud.SecurityOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The command line's security options: operators, broker credentials and TLS, trusted signers, gateways. */
final class SecurityCli {
    static final String OPS_TOKEN_ENV = "WEIR_OPS_TOKEN";
    static final String MQTT_PASSWORD_ENV = "WEIR_MQTT_PASSWORD";

    @Option(names = "--ops-token", description = "token of the operator 'ops' (at least 16 characters); needed on"
            + " every request to the HTTP API but the county webhook. Default: $" + OPS_TOKEN_ENV)
    String opsToken;

    @Option(names = "--ops-operators", paramLabel = "FILE", description = "operators, one '<name> sha256:<hex>' a"
            + " line (the SHA-256 of each one's token); readable by the adapter's user only")
    Path opsOperators;

    @Option(names = "--http-allowed-host", paramLabel = "NAME", description = "a host name the HTTP API answers"
            + " to besides its listening addresses (a DNS name, a reverse proxy's); repeatable")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--mqtt-username", description = "the adapter's MQTT user name")
    String mqttUsername;

    @Option(names = "--mqtt-password-file", paramLabel = "FILE", description = "file holding the MQTT password,"
            + " readable by the adapter's user only. Default: $" + MQTT_PASSWORD_ENV)
    Path mqttPasswordFile;

    @Option(names = "--mqtt-ca", paramLabel = "PEM", description = "CA certificates for the broker's certificate"
            + " (ssl:// broker URLs; default: the JVM's CAs)")
    Path mqttCa;

    @Option(names = "--mqtt-cert", paramLabel = "PEM", description = "client certificate (chain) for mutual TLS")
    Path mqttCert;

    @Option(names = "--mqtt-key", paramLabel = "PEM", description = "its unencrypted PKCS#8 private key, readable by"
            + " the adapter's user only")
    Path mqttKey;

    @Option(names = "--max-message-bytes", description = "largest MQTT payload taken; larger ones are refused"
            + " unread (default: ${DEFAULT-VALUE})")
    int maxMessageBytes;

    @Option(names = "--trusted-signers", paramLabel = "DIR", description = "certificates (*.pem, *.crt, *.cer,"
            + " *.der) whose keys may sign deployment packages; without it no package can be registered")
    Path trustedSigners;

    @Option(names = "--gateway", paramLabel = "ID", description = "register this gateway id at start; repeatable")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--gateways-file", paramLabel = "FILE", description = "register the gateway ids in this file at"
            + " start, one a line ('#' starts a comment)")
    Path gatewaysFile;

    @Option(names = "--command-ttl", description = "how long a deployment command stays valid, ISO-8601"
            + " (default: ${DEFAULT-VALUE})")
    Duration commandTtl;

    @Option(names = "--ack-ttl", description = "how long an alarm acknowledgement stays valid, ISO-8601"
            + " (default: ${DEFAULT-VALUE})")
    Duration ackTtl;

    /** @throws IllegalArgumentException naming the option or file and the problem */
    SecurityOptions options(Map<String, String> env) {
        OpsAccess ops = OpsAccess.none().withAllowedHosts(allowedHosts);
        String token = opsToken != null ? opsToken : env.get(OPS_TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            ops = ops.withOperator("ops", token.strip());
        }
        if (opsOperators != null) {
            ops = ops.withOperatorsFile(opsOperators);
        }
        String password = mqttPasswordFile != null ? SecretFile.readText(mqttPasswordFile, "MQTT password file")
                : env.get(MQTT_PASSWORD_ENV);
        if (mqttKey != null) {
            SecretFile.check(mqttKey, "MQTT client key");
        }
        MqttOptions mqtt = MqttOptions.defaults().withCredentials(mqttUsername, password)
                .withTls(mqttCa, mqttCert, mqttKey).withMaxMessageBytes(maxMessageBytes);
        return SecurityOptions.defaults().withOps(ops).withMqtt(mqtt).withTrustedSigners(trustedSigners)
                .withGateways(gatewayIds()).withCommandTtl(commandTtl, ackTtl);
    }

    private Set<String> gatewayIds() {
        Set<String> ids = new LinkedHashSet<>(gateways);
        if (gatewaysFile != null) {
            try {
                for (String line : Files.readAllLines(gatewaysFile)) {
                    String id = line.replaceAll("#.*", "").strip();
                    if (!id.isEmpty()) {
                        ids.add(id);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("gateways file " + gatewaysFile + ": " + e.getMessage(), e);
            }
        }
        return ids;
    }
}
