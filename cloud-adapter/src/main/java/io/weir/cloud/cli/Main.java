package io.weir.cloud.cli;

import io.weir.cloud.CaseClass;
import io.weir.cloud.CaseMapping;
import io.weir.cloud.CaseMappingException;
import io.weir.cloud.CaseMappingFile;
import io.weir.cloud.DeployOptions;
import java.nio.file.Path;
import io.weir.cloud.CloudAdapter;
import io.weir.cloud.CloudAdapterConfig;
import io.weir.cloud.DeliveryOptions;
import io.weir.cloud.SecretFile;
import io.weir.cloud.SecurityOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point: runs the adapter until the process is stopped (SIGTERM / Ctrl-C). */
@Command(name = "weir-cloud-adapter", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = RecordDefaults.class,
        description = "Ingests Weir gateway MQTT messages into a database and opens county cases for alarms.",
        footer = "%nThe app secret can also be given in the environment variable WEIR_COUNTY_APP_SECRET or a file"
                + " (--app-secret-file), the operations token in WEIR_OPS_TOKEN and the MQTT password in"
                + " WEIR_MQTT_PASSWORD or a file (preferred: a command line is visible to other users of the"
                + " machine). Security: docs/security.md.")
public final class Main implements Callable<Integer> {
    static final String SECRET_ENV = "WEIR_COUNTY_APP_SECRET";
    static final String OPS_TOKEN_ENV = SecurityCli.OPS_TOKEN_ENV;

    @CommandLine.Mixin
    SecurityCli security = new SecurityCli();

    @CommandLine.Mixin
    ServiceCli service = new ServiceCli();

    @Option(names = "--app-secret-file", paramLabel = "FILE",
            description = "file holding the signing secret, readable by the adapter's user only")
    Path appSecretFile;

    @Option(names = "--broker-url", defaultValue = "tcp://localhost:1883",
            description = "MQTT broker (default: ${DEFAULT-VALUE})")
    String brokerUrl;

    @Option(names = "--client-id", defaultValue = "weir-cloud-adapter",
            description = "MQTT client id; names the persistent session (default: ${DEFAULT-VALUE})")
    String clientId;

    @Option(names = "--shared-group",
            description = "subscribe through $share/<group>/... to share the load with other adapters")
    String sharedGroup;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:sqlite:weir-cloud.db",
            description = "database (default: ${DEFAULT-VALUE})")
    String jdbcUrl;

    @Option(names = "--county-base-uri", required = true,
            description = "county case platform, e.g. http://localhost:8480")
    URI countyBaseUri;

    @Option(names = "--app-key", required = true, description = "application key issued by the county platform")
    String appKey;

    @Option(names = "--app-secret", defaultValue = "${env:" + SECRET_ENV + "}",
            description = "signing secret (default: $" + SECRET_ENV + ")")
    String appSecret;

    @Option(names = "--event-small-class", description = "small class of event cases (default: ${DEFAULT-VALUE})")
    String eventSmallClass;

    @Option(names = "--event-department", description = "department of event cases (default: ${DEFAULT-VALUE})")
    String eventDepartment;

    @Option(names = "--event-time-limit-hours", description = "time limit of event cases (default: ${DEFAULT-VALUE})")
    int eventTimeLimitHours;

    @Option(names = "--component-small-class",
            description = "small class of component cases (default: ${DEFAULT-VALUE})")
    String componentSmallClass;

    @Option(names = "--component-department", description = "department of component cases (default: ${DEFAULT-VALUE})")
    String componentDepartment;

    @Option(names = "--component-time-limit-hours",
            description = "time limit of component cases (default: ${DEFAULT-VALUE})")
    int componentTimeLimitHours;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "address of the operations view and the county webhook (default: ${DEFAULT-VALUE})")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "8090",
            description = "port of the operations view and the county webhook; -1 turns it off (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--signature-scheme", defaultValue = "HMAC_SHA256",
            description = "county signing scheme: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    io.weir.cloud.sign.SignatureScheme signatureScheme;

    @Option(names = "--close-on-clear", defaultValue = "false",
            description = "ask the platform to close a case when its alarm clears (default: ${DEFAULT-VALUE})")
    boolean closeOnClear;

    @Option(names = "--case-mapping", paramLabel = "FILE",
            description = "YAML file mapping alarm rules and levels to case classes, departments, urgency, time "
                    + "limits and close-on-clear (docs/configuration.md); what it leaves out keeps the values of "
                    + "the options above")
    Path caseMappingFile;

    @Option(names = "--deploy-job-timeout",
            description = "how long a gateway may stay silent during a deployment before its job times out, "
                    + "ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration deployJobTimeout;

    @Option(names = "--poll-interval", description = "outbox scan interval, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration pollInterval;

    @Option(names = "--retry-base", description = "first retry backoff, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration retryBase;

    @Option(names = "--retry-cap", description = "longest retry backoff, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration retryCap;

    @Option(names = "--request-timeout", description = "HTTP request timeout, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration requestTimeout;

    public static void main(String[] args) {
        // before the first logger exists, or slf4j-simple never reads them; -D on the command line still wins
        System.setProperty("org.slf4j.simpleLogger.showDateTime",
                System.getProperty("org.slf4j.simpleLogger.showDateTime", "true"));
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat",
                System.getProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"));
        // The JDK's HTTP server waits for a slow client forever by default: a request still not read after 30 s is
        // cut off, so a few slow connections cannot hold the operations API and the webhook (docs/security.md).
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "30"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "60"));
        System.setProperty("sun.net.httpserver.maxConnections",
                System.getProperty("sun.net.httpserver.maxConnections", "256"));
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        service.applyLogFormat(System.getenv());
        CloudAdapterConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        CloudAdapter adapter;
        try {
            adapter = CloudAdapter.start(config);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("weir-cloud-adapter: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            adapter.close();
            stopped.countDown();
        }, "weir-cloud-adapter-shutdown"));
        stopped.await();
        return 0;
    }

    CloudAdapterConfig config() {
        try {
            if (appSecretFile != null) {
                appSecret = SecretFile.readText(appSecretFile, "app secret file");
            }
            return build(security.options(System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private CloudAdapterConfig build(SecurityOptions securityOptions) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "Missing the app secret: set " + SECRET_ENV + " or pass --app-secret");
        }
        CaseClass event = CaseClass.defaultEvent();
        CaseClass component = CaseClass.defaultComponent();
        CaseMapping mapping = new CaseMapping(
                new CaseClass(event.caseType(), event.largeClass(), eventSmallClass, eventDepartment,
                        eventTimeLimitHours),
                new CaseClass(component.caseType(), component.largeClass(), componentSmallClass,
                        componentDepartment, componentTimeLimitHours));
        mapping = mapping.withRequestCloseOnClear(closeOnClear);
        if (caseMappingFile != null) {
            try {
                mapping = CaseMappingFile.load(caseMappingFile, mapping);
            } catch (CaseMappingException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e, null,
                        caseMappingFile.toString());
            }
        }
        DeliveryOptions delivery = new DeliveryOptions(pollInterval, retryBase, retryCap, requestTimeout,
                DeliveryOptions.defaults().batchSize());
        DeployOptions deployDefaults = DeployOptions.defaults();
        DeployOptions deploy = new DeployOptions(deployDefaults.pollInterval(), deployJobTimeout,
                deployDefaults.resendInterval());
        if (httpPort >= 0 && securityOptions.ops().isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "the HTTP API needs an operator's token:"
                    + " set " + OPS_TOKEN_ENV + ", --ops-token or --ops-operators (none is built in), or turn the"
                    + " HTTP server off with --http-port -1");
        }
        return new CloudAdapterConfig(brokerUrl, clientId, sharedGroup, jdbcUrl, countyBaseUri, appKey, appSecret,
                mapping, delivery, httpHost, httpPort, signatureScheme, deploy, securityOptions,
                service.options(System.getenv()));
    }
}
