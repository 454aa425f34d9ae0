package io.weir.deploy.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.GatewayEvent;
import io.weir.api.GatewayEventListener;
import io.weir.api.command.StatusProvider;
import io.weir.api.security.PemFiles;
import io.weir.deploy.packaging.DeploymentPackageException;
import io.weir.deploy.packaging.DeploymentPackageVerifier;
import io.weir.deploy.packaging.TrustedSigners;

/**
 * The deploy agent in the framework: wires {@link DeployAgent} to Deployment Admin, Declarative Services' runtime
 * and the event whiteboard, and offers the agent's status. The deploy commands find it as a service.
 */
@Component(configurationPid = DeployAgentComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {DeployAgentComponent.class, StatusProvider.class},
        property = StatusProvider.NAME + "=deploy")
@Designate(ocd = DeployConfig.class)
public final class DeployAgentComponent implements StatusProvider {

    static final String PID = "io.weir.deploy";
    private static final Logger LOG = LoggerFactory.getLogger(DeployAgentComponent.class);

    private final List<GatewayEventListener> listeners = new CopyOnWriteArrayList<>();
    private final DeployAgent agent;
    private final RuntimeInventory inventory;

    @Activate
    public DeployAgentComponent(BundleContext context, DeployConfig config,
            @Reference DeploymentAdmin deploymentAdmin, @Reference ServiceComponentRuntime scr)
            throws IOException, GeneralSecurityException, DeploymentPackageException {
        DeployOptions options = DeployOptions.of(config, context.getProperty("weir.data.dir"),
                ResourceTargets.from(context::getProperty).siteFile());
        Clock clock = Clock.systemUTC();
        this.inventory = new RuntimeInventory(() -> bundleVersions(context),
                ResourceTargets.from(context::getProperty).siteFile(), new ObjectMapper());
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "weir-deploy");
            thread.setDaemon(true);
            return thread;
        });
        if (options.httpsCaFile().isPresent()) {
            // a CA file that is missing or holds no certificate stops the agent here, as it always did; the TLS
            // context made from it waits for the first download
            PemFiles.certificates(options.httpsCaFile().get());
        }
        this.agent = new DeployAgent(options, new Downloader(() -> ssl(options), options.downloadTimeout(),
                options.limits().maxPackageBytes()),
                trusted(options).map(signers -> new DeploymentPackageVerifier(signers, clock, options.limits())),
                new DeploymentAdminInstaller(deploymentAdmin), new ScrHealthCheck(context, scr, clock),
                this::publish, clock, executor, new ObjectMapper());
        agent.start();
        LOG.info("deploy agent ready: work directory {}, {}, {}", options.workDir().toAbsolutePath(),
                options.trustedCertificates().isEmpty()
                        ? "no trusted signers configured: every package will be refused"
                        : "signers trusted from " + options.trustedCertificates().get(),
                options.downloadTrusted()
                        ? "package servers' CAs from " + options.httpsCaFile().get()
                        : "no CA configured for package servers: every download will be refused");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeListener")
    void addListener(GatewayEventListener listener) {
        listeners.add(listener);
    }

    void removeListener(GatewayEventListener listener) {
        listeners.remove(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        agent.close();
    }

    String install(Map<String, String> args) {
        return agent.install(args);
    }

    String uninstall(Map<String, String> args) {
        return agent.uninstall(args);
    }

    String list() {
        return agent.list();
    }

    @Override
    public String statusJson() {
        return inventory.addTo(agent.status());
    }

    private void publish(GatewayEvent event) {
        GatewayEvent reported = inventory.withSiteDigest(event);
        for (GatewayEventListener listener : listeners) {
            listener.onEvent(reported);
        }
    }

    private static Map<String, String> bundleVersions(BundleContext context) {
        Map<String, String> versions = new java.util.TreeMap<>();
        for (org.osgi.framework.Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null) {
                versions.put(bundle.getSymbolicName(), bundle.getVersion().toString());
            }
        }
        return versions;
    }

    private static Optional<TrustedSigners> trusted(DeployOptions options)
            throws IOException, DeploymentPackageException {
        if (options.trustedCertificates().isPresent()) {
            return Optional.of(TrustedSigners.fromDirectory(options.trustedCertificates().get()));
        }
        return Optional.empty();
    }

    /**
     * Trusts the configured CAs of package servers only, never the JVM's defaults: with those, anyone who can buy a
     * certificate for a host could serve packages (they must still be signed, but they would be downloaded). With
     * no CA configured it trusts nothing, and the agent refuses every download before trying. Made at the first
     * download ({@link Downloader}).
     */
    private static SSLContext ssl(DeployOptions options) throws IOException, GeneralSecurityException {
        TrustManager[] trust;
        if (options.httpsCaFile().isPresent()) {
            trust = PemFiles.trustManagers(options.httpsCaFile().get());
        } else {
            KeyStore none = KeyStore.getInstance("PKCS12");
            none.load(null, null);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(none);
            trust = factory.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        return context;
    }
}
