package io.weir.site.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.weir.api.security.PemFiles;

/**
 * Reads the site file's {@code uplink} section: the broker, the gateway's own credential (a user name with a
 * password file, or a client certificate), and how the broker's certificate is checked ({@code tls}).
 */
final class UplinkParser {

    private static final List<String> FIELDS = List.of("broker", "username", "passwordFile", "password", "tls",
            "maxCommandBytes", "commandLifetime", "reconnectMax", "telemetryEncoding");
    private static final List<String> TLS_FIELDS = List.of("caFile", "certFile", "keyFile");

    private final Problems problems;
    private final FileFields files;

    UplinkParser(Problems problems, FileFields files) {
        this.problems = problems;
        this.files = files;
    }

    Optional<Uplink> parse(YamlMap map) {
        int before = problems.list().size();
        map.allowOnly(FIELDS);
        Optional<String> broker = map.requiredText("broker").flatMap(text -> {
            try {
                return Optional.of(BrokerUrl.check(text));
            } catch (IllegalArgumentException e) {
                problems.add(map.lineOf("broker"), map.field("broker"), e.getMessage());
                return Optional.empty();
            }
        });
        Optional<String> username = map.optionalText("username");
        files.refuseInline(map, "password", "passwordFile");
        Optional<FileFields.Secret> password = files.secret(map, "passwordFile");
        if (map.keys().contains("passwordFile") && username.isEmpty()) {
            problems.add(map.lineOf("passwordFile"), map.field("passwordFile"), "needs a username");
        }
        Uplink.Tls tls = map.optionalMap("tls").map(t -> tls(t, broker)).orElse(Uplink.Tls.NONE);
        Optional<Integer> maxCommandBytes = map.keys().contains("maxCommandBytes")
                ? map.requiredInt("maxCommandBytes", 1024, 1024 * 1024) : Optional.empty();
        Optional<Long> lifetime = seconds(map, "commandLifetime", Duration.ofSeconds(10), Duration.ofDays(7),
                "10s .. 7d");
        Optional<Long> reconnectMax = seconds(map, "reconnectMax", Duration.ofSeconds(1), Duration.ofMinutes(5),
                "1s .. 5m");
        Optional<String> telemetryEncoding = map.optionalChoice("telemetryEncoding", Uplink.TELEMETRY_ENCODINGS);
        if (problems.list().size() != before || broker.isEmpty()) {
            return Optional.empty();
        }
        String stamp = String.join("|", password.map(FileFields.Secret::stamp).orElse(""), tls.stamp())
                .replaceAll("^\\|+|\\|+$", "");
        return Optional.of(new Uplink(broker.get(), username, password.map(FileFields.Secret::file), tls, stamp,
                maxCommandBytes, lifetime.map(Long::intValue), reconnectMax.map(Long::intValue), telemetryEncoding));
    }

    /** An optional duration field within {@code min .. max}, in whole seconds; a problem when outside. */
    private Optional<Long> seconds(YamlMap map, String field, Duration min, Duration max, String range) {
        return map.duration(field, false).filter(d -> {
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return true;
            }
            problems.add(map.lineOf(field), map.field(field), "must be " + range);
            return false;
        }).map(Duration::toSeconds);
    }

    private Uplink.Tls tls(YamlMap map, Optional<String> broker) {
        map.allowOnly(TLS_FIELDS);
        if (broker.isPresent() && !broker.get().startsWith("ssl://")) {
            problems.add(Problems.lineOf(map.node()), map.path(), "needs an ssl:// broker");
        }
        Optional<java.nio.file.Path> ca = files.certificates(map, "caFile");
        boolean cert = map.keys().contains("certFile");
        if (cert != map.keys().contains("keyFile")) {
            problems.add(Problems.lineOf(map.node()), map.path(), "certFile and keyFile go together (mutual TLS)");
            return new Uplink.Tls(ca, Optional.empty(), Optional.empty(), "");
        }
        if (!cert) {
            return new Uplink.Tls(ca, Optional.empty(), Optional.empty(), FileFields.stamp(ca));
        }
        Optional<java.nio.file.Path> certFile = files.certificates(map, "certFile");
        Optional<FileFields.Secret> key = files.secret(map, "keyFile");
        if (certFile.isPresent() && key.isPresent()) {
            try {
                PemFiles.keyManagers(certFile.get(), key.get().file(), warning -> { });
            } catch (IOException | GeneralSecurityException e) {
                problems.add(map.lineOf("keyFile"), map.field("keyFile"), e.getMessage());
            }
        }
        // a renewed certificate or CA restarts the uplink as a new key does
        return new Uplink.Tls(ca, certFile, key.map(FileFields.Secret::file), String.join("/",
                FileFields.stamp(ca), FileFields.stamp(certFile), key.map(FileFields.Secret::stamp).orElse("")));
    }
}
