package io.weir.cloud;

import io.weir.cloud.sign.SignatureScheme;
import java.net.URI;
import java.util.Objects;

/**
 * Everything the cloud adapter needs to start.
 *
 * @param brokerUrl               MQTT broker, e.g. {@code tcp://localhost:1883}
 * @param clientId                MQTT client id; it names the persistent session, so keep it stable across restarts
 * @param sharedSubscriptionGroup null to subscribe directly; otherwise several adapters share the load through
 *                                {@code $share/<group>/weir/v1/+/...}
 * @param jdbcUrl                 e.g. {@code jdbc:sqlite:/var/lib/weir/weir-cloud.db} or a PostgreSQL URL
 * @param countyBaseUri           the county case platform, e.g. {@code https://county.example/}
 * @param appKey                  application key issued by the county platform
 * @param appSecret               secret for the request signature; never logged, hidden from {@link #toString()}
 * @param caseMapping             alarm to case classification
 * @param delivery                outbox sending and retries
 * @param httpHost                where the operations view and the county webhook listen
 * @param httpPort                their port; 0 picks a free one, -1 turns the HTTP server off
 * @param signatureScheme         how requests to the county platform and its webhooks are signed
 * @param deploy                  how deployment jobs are driven
 * @param security                operators of the HTTP API, broker credentials and TLS, trusted package signers,
 *                                gateways registered by configuration, command lifetimes
 * @param service                 reconnecting to the broker, retention, the metrics scrape token
 */
public record CloudAdapterConfig(String brokerUrl, String clientId, String sharedSubscriptionGroup, String jdbcUrl,
                                 URI countyBaseUri, String appKey, String appSecret, CaseMapping caseMapping,
                                 DeliveryOptions delivery, String httpHost, int httpPort,
                                 SignatureScheme signatureScheme, DeployOptions deploy,
                                 SecurityOptions security, ServiceOptions service) {

    public CloudAdapterConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(countyBaseUri, "countyBaseUri");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(caseMapping, "caseMapping");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(signatureScheme, "signatureScheme");
        Objects.requireNonNull(deploy, "deploy");
        if (httpPort < -1 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be -1 (off) or 0..65535, was " + httpPort);
        }
        if (sharedSubscriptionGroup != null && !sharedSubscriptionGroup.matches("[^/+#]+")) {
            throw new IllegalArgumentException("sharedSubscriptionGroup must be one topic level without wildcards: "
                    + sharedSubscriptionGroup);
        }
        if (appSecret.isEmpty()) {
            throw new IllegalArgumentException("appSecret is empty");
        }
    }

    /** As the canonical constructor, with {@link ServiceOptions#defaults()}. */
    public CloudAdapterConfig(String brokerUrl, String clientId, String sharedSubscriptionGroup, String jdbcUrl,
                              URI countyBaseUri, String appKey, String appSecret, CaseMapping caseMapping,
                              DeliveryOptions delivery, String httpHost, int httpPort,
                              SignatureScheme signatureScheme, DeployOptions deploy, SecurityOptions security) {
        this(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey, appSecret, caseMapping,
                delivery, httpHost, httpPort, signatureScheme, deploy, security, ServiceOptions.defaults());
    }

    /** A configuration with direct subscriptions, the default case mapping and the default delivery options. */
    public static CloudAdapterConfig of(String brokerUrl, String clientId, String jdbcUrl, URI countyBaseUri,
                                        String appKey, String appSecret) {
        return new CloudAdapterConfig(brokerUrl, clientId, null, jdbcUrl, countyBaseUri, appKey, appSecret,
                CaseMapping.defaults(), DeliveryOptions.defaults(), "127.0.0.1", 0, SignatureScheme.HMAC_SHA256,
                DeployOptions.defaults(), SecurityOptions.defaults());
    }

    public CloudAdapterConfig withSharedSubscriptionGroup(String group) {
        return new CloudAdapterConfig(brokerUrl, clientId, group, jdbcUrl, countyBaseUri, appKey, appSecret,
                caseMapping, delivery, httpHost, httpPort, signatureScheme, deploy, security, service);
    }

    public CloudAdapterConfig withCaseMapping(CaseMapping mapping) {
        return new CloudAdapterConfig(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, mapping, delivery, httpHost, httpPort, signatureScheme, deploy, security, service);
    }

    public CloudAdapterConfig withDelivery(DeliveryOptions options) {
        return new CloudAdapterConfig(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, caseMapping, options, httpHost, httpPort, signatureScheme, deploy, security, service);
    }

    public CloudAdapterConfig withHttp(String host, int port) {
        return new CloudAdapterConfig(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, caseMapping, delivery, host, port, signatureScheme, deploy, security, service);
    }

    public CloudAdapterConfig withSignatureScheme(SignatureScheme scheme) {
        return new CloudAdapterConfig(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, caseMapping, delivery, httpHost, httpPort, scheme, deploy, security, service);
    }

    public CloudAdapterConfig withClientId(String id) {
        return new CloudAdapterConfig(brokerUrl, id, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, caseMapping, delivery, httpHost, httpPort, signatureScheme, deploy, security, service);
    }

    public CloudAdapterConfig withDeploy(DeployOptions options) {
        return new CloudAdapterConfig(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, caseMapping, delivery, httpHost, httpPort, signatureScheme, options, security, service);
    }

    /** The JDBC URL with any password parameter hidden, for log lines. */
    public String redactedJdbcUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    @Override
    public String toString() {
        return "CloudAdapterConfig[brokerUrl=" + brokerUrl + ", clientId=" + clientId
                + ", sharedSubscriptionGroup=" + sharedSubscriptionGroup + ", jdbcUrl=" + redactedJdbcUrl()
                + ", countyBaseUri=" + countyBaseUri + ", appKey=" + appKey + ", appSecret=****"
                + ", caseMapping=" + caseMapping + ", delivery=" + delivery + ", http=" + httpHost + ":" + httpPort
                + ", signatureScheme=" + signatureScheme + ", deploy=" + deploy + ", ops=" + security.ops()
                + ", mqtt=" + security.mqtt() + ", trustedSigners=" + security.trustedSigners() + ", gateways="
                + security.gateways().size() + ", commandTtl=" + security.commandTtl() + ", ackTtl="
                + security.ackTtl() + ", service=" + service + "]";
    }

    /** One operator, {@code ops}, with this token: every request to the HTTP API but the webhook needs it. */
    public CloudAdapterConfig withOpsToken(String token) {
        return withSecurity(security.withOps(OpsAccess.token(token)));
    }

    public CloudAdapterConfig withService(ServiceOptions options) {
        return new CloudAdapterConfig(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, caseMapping, delivery, httpHost, httpPort, signatureScheme, deploy, security, options);
    }

    public CloudAdapterConfig withSecurity(SecurityOptions options) {
        return new CloudAdapterConfig(brokerUrl, clientId, sharedSubscriptionGroup, jdbcUrl, countyBaseUri, appKey,
                appSecret, caseMapping, delivery, httpHost, httpPort, signatureScheme, deploy, options, service);
    }
}
