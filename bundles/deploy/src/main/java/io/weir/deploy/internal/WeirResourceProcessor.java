package io.weir.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.deploymentadmin.spi.DeploymentSession;
import org.osgi.service.deploymentadmin.spi.ResourceProcessor;
import org.osgi.service.deploymentadmin.spi.ResourceProcessorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.deploy.packaging.ResourceEntry;

/**
 * Installs device profiles and site files delivered in deployment packages ({@code Resource-Processor:
 * io.weir.deploy.resources}), inside Deployment Admin's session: nothing lands until the whole package has been
 * processed and every processor has prepared.
 */
@Component(property = Constants.SERVICE_PID + "=" + ResourceEntry.WEIR_PROCESSOR)
public final class WeirResourceProcessor implements ResourceProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WeirResourceProcessor.class);

    private final ResourceFiles files;
    private DeploymentSession session;

    @Activate
    public WeirResourceProcessor(BundleContext context) {
        String dataDir = context.getProperty("weir.data.dir");
        Path work = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir.trim(), "deploy", "resources");
        this.files = new ResourceFiles(ResourceTargets.from(context::getProperty), work);
    }

    @Override
    public void begin(DeploymentSession session) {
        this.session = session;
        try {
            files.begin();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stage resources: " + e.getMessage(), e);
        }
    }

    @Override
    public void process(String name, InputStream stream) throws ResourceProcessorException {
        try {
            files.process(name, stream);
        } catch (IllegalArgumentException e) {
            throw new ResourceProcessorException(ResourceProcessorException.CODE_OTHER_ERROR, e.getMessage(), e);
        } catch (IOException e) {
            throw new ResourceProcessorException(ResourceProcessorException.CODE_OTHER_ERROR,
                    "cannot stage resource " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dropped(String resource) throws ResourceProcessorException {
        try {
            files.dropped(resource);
        } catch (IllegalArgumentException e) {
            throw new ResourceProcessorException(ResourceProcessorException.CODE_OTHER_ERROR, e.getMessage(), e);
        }
    }

    @Override
    public void dropAllResources() throws ResourceProcessorException {
        DeploymentPackage target = session == null ? null : session.getTargetDeploymentPackage();
        if (target == null) {
            return;
        }
        for (String resource : target.getResources()) {
            if (ResourceEntry.WEIR_PROCESSOR.equals(target.getResourceHeader(resource, "Resource-Processor"))) {
                dropped(resource);
            }
        }
    }

    @Override
    public void prepare() throws ResourceProcessorException {
        try {
            files.prepare();
        } catch (IllegalArgumentException | IOException e) {
            throw new ResourceProcessorException(ResourceProcessorException.CODE_PREPARE, e.getMessage(), e);
        }
    }

    @Override
    public void commit() {
        try {
            files.commit();
        } catch (IOException e) {
            // the specification leaves commit no way to fail; say loudly what did not land
            LOG.error("resources of a deployment package could not all be put in place", e);
        } finally {
            session = null;
        }
    }

    @Override
    public void rollback() {
        try {
            files.rollback();
        } catch (IOException e) {
            LOG.warn("staged resources could not all be deleted", e);
        } finally {
            session = null;
        }
    }

    @Override
    public void cancel() {
        // processing is quick file copying; there is nothing long to interrupt
    }
}
