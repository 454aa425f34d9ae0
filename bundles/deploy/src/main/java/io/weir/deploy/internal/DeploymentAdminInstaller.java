package io.weir.deploy.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;

import io.weir.deploy.packaging.SignatureFiles;

/** {@link Installer} on the framework's Deployment Admin. */
final class DeploymentAdminInstaller implements Installer {

    private final DeploymentAdmin admin;

    DeploymentAdminInstaller(DeploymentAdmin admin) {
        this.admin = admin;
    }

    /**
     * Felix Deployment Admin 0.9.6 refuses a signed stream ("Expected more bundles in the stream": it takes the
     * signature files for entries the manifest does not name), so it gets the package without them. The agent has
     * checked the signature of this very file before.
     */
    @Override
    public void install(Path file) throws Exception {
        Path stripped = file.resolveSibling(file.getFileName() + ".install");
        try {
            SignatureFiles.writeStripped(file, stripped);
            try (InputStream in = Files.newInputStream(stripped)) {
                admin.installDeploymentPackage(in);
            }
        } catch (DeploymentException e) {
            throw new Exception("Deployment Admin refused the package (code " + e.getCode() + "): "
                    + withCauses(e), e);
        } finally {
            Files.deleteIfExists(stripped);
        }
    }

    /** Felix says only that a resource processor failed; the processor's own message says why. */
    private static String withCauses(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public void uninstall(String name) throws Exception {
        DeploymentPackage dp = admin.getDeploymentPackage(name);
        if (dp == null) {
            return; // nothing to do: it is not installed
        }
        try {
            dp.uninstall();
        } catch (DeploymentException e) {
            throw new Exception("Deployment Admin cannot uninstall " + name + " (code " + e.getCode() + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> installed() {
        Map<String, String> packages = new TreeMap<>();
        for (DeploymentPackage dp : admin.listDeploymentPackages()) {
            if (!"System".equals(dp.getName())) { // Felix lists the framework's own bundles as "System"
                packages.put(dp.getName(), dp.getVersion().toString());
            }
        }
        return packages;
    }

    @Override
    public List<String> bundlesOf(String name) {
        DeploymentPackage dp = admin.getDeploymentPackage(name);
        List<String> bundles = new ArrayList<>();
        if (dp != null) {
            for (BundleInfo info : dp.getBundleInfos()) {
                bundles.add(info.getSymbolicName());
            }
        }
        return bundles;
    }
}
