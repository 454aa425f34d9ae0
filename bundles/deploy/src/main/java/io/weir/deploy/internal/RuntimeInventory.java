package io.weir.deploy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.weir.api.GatewayEvent;

/**
 * What the gateway runs beyond its deployment packages, for the cloud to compare with what it deployed
 * (docs/protocol.md "Inventory"): the version of every bundle in the framework, and the SHA-256 of the site file in
 * force. Added to the deploy status part, and to DEPLOY_SUCCEEDED as {@code siteSha256}, so the cloud knows the
 * configuration each successful deployment left behind.
 */
final class RuntimeInventory {

    private final Supplier<Map<String, String>> bundles;
    private final Path siteFile;
    private final ObjectMapper json;

    /** @param bundles symbolic name to version of the installed bundles, read at each call */
    RuntimeInventory(Supplier<Map<String, String>> bundles, Path siteFile, ObjectMapper json) {
        this.bundles = bundles;
        this.siteFile = siteFile;
        this.json = json;
    }

    /** The deploy agent's status with {@code bundles} and, when the site file can be read, {@code siteSha256}. */
    String addTo(String status) {
        try {
            ObjectNode node = (ObjectNode) json.readTree(status);
            ObjectNode versions = node.putObject("bundles");
            new TreeMap<>(bundles.get()).forEach(versions::put);
            siteSha256().ifPresent(digest -> node.put("siteSha256", digest));
            return node.toString();
        } catch (IOException | ClassCastException e) {
            return status; // the agent's own part stays whole
        }
    }

    /** DEPLOY_SUCCEEDED carries the site file's digest as the deployment left it; other events pass unchanged. */
    GatewayEvent withSiteDigest(GatewayEvent event) {
        if (!event.type().equals("DEPLOY_SUCCEEDED")) {
            return event;
        }
        Optional<String> digest = siteSha256();
        if (digest.isEmpty()) {
            return event;
        }
        Map<String, Object> details = new LinkedHashMap<>(event.details());
        details.put("siteSha256", digest.get());
        return new GatewayEvent(event.type(), event.time(), event.source(), details);
    }

    Optional<String> siteSha256() {
        try {
            return Files.isRegularFile(siteFile) ? Optional.of(DeployAgent.sha256(siteFile)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
