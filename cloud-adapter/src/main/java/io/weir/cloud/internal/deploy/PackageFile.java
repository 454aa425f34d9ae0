package io.weir.cloud.internal.deploy;

import io.weir.deploy.packaging.DeploymentPackage;
import io.weir.deploy.packaging.DeploymentPackageException;
import io.weir.deploy.packaging.DeploymentPackageReader;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.cloud.deploy.DeploymentRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A .dp file handed to the adapter at registration: its SHA-256, size, and name and version from its manifest.
 * The deployment-packages reader checks the whole package; when it refuses one (it does not take signed packages
 * yet, and the gateway is where signatures are checked), the identity is read from the manifest's main section
 * alone, which is all the adapter needs.
 */
final class PackageFile {
    private static final Logger LOG = LoggerFactory.getLogger(PackageFile.class);

    static final java.util.regex.Pattern SYMBOLIC_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    record Identity(String name, String version, String sha256, long size) {
    }

    private PackageFile() {
    }

    static Identity read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DeploymentRequestException("file " + file + " does not exist or is not a file");
        }
        try {
            String sha256 = sha256(file);
            long size = Files.size(file);
            try {
                DeploymentPackage dp = DeploymentPackageReader.read(file);
                return new Identity(dp.symbolicName(), dp.version().toString(), sha256, size);
            } catch (DeploymentPackageException refused) {
                Identity identity = mainSection(file, refused, sha256, size);
                LOG.warn("{}: the package reader refused it ({}); took {} {} from its manifest, the gateway checks "
                        + "the rest", file, refused.getMessage(), identity.name(), identity.version());
                return identity;
            }
        } catch (IOException e) {
            throw new DeploymentRequestException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Identity mainSection(Path file, DeploymentPackageException refused, String sha256, long size)
            throws IOException {
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(file))) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest == null ? null : manifest.getMainAttributes();
            String name = main == null ? null : main.getValue("DeploymentPackage-SymbolicName");
            String version = main == null ? null : main.getValue("DeploymentPackage-Version");
            if (name == null || version == null) {
                throw new DeploymentRequestException(file + " is not a deployment package: "
                        + refused.getMessage());
            }
            if (!SYMBOLIC_NAME.matcher(name.trim()).matches()) {
                throw new DeploymentRequestException(file + ": DeploymentPackage-SymbolicName '" + name
                        + "' is not a symbolic name");
            }
            return new Identity(name.trim(), OsgiVersion.parse(version.trim()).toString(), sha256, size);
        } catch (IllegalArgumentException e) {
            throw new DeploymentRequestException(file + ": bad deployment package manifest: " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Discards what it is given; the digest sees the bytes on the way. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
