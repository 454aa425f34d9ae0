package io.weir.cloud.cli;

import io.weir.cloud.RetentionOptions;
import io.weir.cloud.SecretFile;
import io.weir.cloud.ServiceOptions;
import io.weir.logging.JsonLogStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The command line's service options: reconnecting to the broker, retention, metrics, the log format. */
final class ServiceCli {
    static final String METRICS_TOKEN_ENV = "WEIR_METRICS_TOKEN";
    static final String LOG_FORMAT_ENV = "WEIR_LOG_FORMAT";

    enum LogFormat { text, json }

    @Option(names = "--mqtt-reconnect-max", description = "longest wait between two attempts to reconnect to the"
            + " broker: once it is back, the adapter is too within this, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration reconnectMax;

    @Option(names = "--retention-telemetry", description = "keep readings this long by their own time; PT0S keeps"
            + " them for ever; on PostgreSQL whole months go (default: ${DEFAULT-VALUE})")
    Duration retentionTelemetry;

    @Option(names = "--retention-events", description = "keep gateway events this long after they arrived; PT0S"
            + " keeps them for ever (default: ${DEFAULT-VALUE})")
    Duration retentionEvents;

    @Option(names = "--retention-dead-letters", description = "keep rejected messages this long; PT0S keeps them"
            + " for ever (default: ${DEFAULT-VALUE})")
    Duration retentionDeadLetters;

    @Option(names = "--retention-interval", description = "how often retention runs (default: ${DEFAULT-VALUE})")
    Duration retentionInterval;

    @Option(names = "--metrics-token-file", paramLabel = "FILE", description = "a token that may read /metrics and"
            + " nothing else, from a file readable by the adapter's user only. Default: $" + METRICS_TOKEN_ENV
            + "; without either only operators' tokens read /metrics")
    Path metricsTokenFile;

    @Option(names = "--log-format", description = "text, or json: one JSON object a line for log shippers"
            + " (default: $" + LOG_FORMAT_ENV + ", else text)")
    LogFormat logFormat;

    /** @throws IllegalArgumentException naming the option or file and the problem */
    ServiceOptions options(Map<String, String> env) {
        RetentionOptions defaults = RetentionOptions.defaults();
        RetentionOptions retention = new RetentionOptions(retentionTelemetry, retentionEvents, retentionDeadLetters,
                retentionInterval, defaults.batchSize());
        ServiceOptions service = ServiceOptions.defaults().withRetention(retention)
                .withMqttReconnect(ServiceOptions.defaults().mqttReconnectMin(), reconnectMax);
        String token = metricsTokenFile != null ? SecretFile.readText(metricsTokenFile, "metrics token file")
                : env.get(METRICS_TOKEN_ENV);
        return token == null || token.isBlank() ? service : service.withMetricsToken(token.strip());
    }

    /** Switches standard error, where the log goes, to JSON lines when asked to; before the first log line. */
    void applyLogFormat(Map<String, String> env) {
        LogFormat format = logFormat;
        if (format == null) {
            String asked = env.getOrDefault(LOG_FORMAT_ENV, "text").strip();
            format = asked.equalsIgnoreCase("json") ? LogFormat.json : LogFormat.text;
        }
        if (format == LogFormat.json) {
            System.setErr(JsonLogStream.printStream(System.err, Map.of("service", "weir-cloud-adapter")));
        }
    }
}
