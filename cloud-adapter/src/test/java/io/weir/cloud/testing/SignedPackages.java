package io.weir.cloud.testing;

import io.weir.deploy.packaging.DeploymentPackageSigner;
import io.weir.deploy.packaging.DeploymentPackageWriter;
import io.weir.deploy.packaging.OsgiVersion;
import io.weir.deploy.packaging.PackageHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Deployment packages as operations make them: a tiny bundle in a real .dp, signed with keys made by the JDK's
 * keytool. Three keys, each made once per test JVM when first used: {@code ops} (code-signing, trusted by
 * {@link #trusted()}), {@code rogue} (code-signing, trusted by nobody) and {@code plain} (trusted, but without
 * code-signing usage).
 */
public final class SignedPackages {
    private static final String PASSWORD = "changeit";
    private static SignedPackages shared;

    private final Path keys;

    private SignedPackages(Path keys) {
        this.keys = keys;
    }

    /** The keys of this test JVM (made at the first call, in a temporary directory). */
    public static synchronized SignedPackages shared() {
        if (shared == null) {
            try {
                Path keys = Files.createTempDirectory("weir-signing-keys-");
                keys.toFile().deleteOnExit();
                shared = new SignedPackages(keys);
                shared.ensureKey("ops");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /**
     * Makes key {@code name} unless it exists (keytool runs in its own JVM: seconds on a loaded machine, so only the
     * keys a test uses are made); {@code ops} and {@code plain} go into {@link #trusted()}. An adapter reads that
     * directory when it starts: sign with {@code plain} before starting the adapter that should trust it.
     */
    private synchronized void ensureKey(String name) throws IOException, InterruptedException {
        if (Files.exists(keys.resolve(name + ".p12"))) {
            return;
        }
        switch (name) {
            case "ops" -> key(keys, "ops", "CN=Weir operations", true);
            case "rogue" -> key(keys, "rogue", "CN=rogue", true);
            case "plain" -> key(keys, "plain", "CN=Weir plain", false);
            default -> throw new IllegalArgumentException("no test key " + name);
        }
        if (!name.equals("rogue")) {
            Path trusted = Files.createDirectories(keys.resolve("trusted"));
            keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keys.resolve(name + ".p12").toString(),
                    "-storepass", PASSWORD, "-file", trusted.resolve(name + ".pem").toString());
        }
    }

    /** The directory of trusted signer certificates: {@code ops}, and {@code plain} once it was used. */
    public Path trusted() {
        return keys.resolve("trusted");
    }

    /** An unsigned package {@code name} {@code version} holding one tiny bundle, in {@code dir}. */
    public static Path unsigned(Path dir, String name, String version) throws Exception {
        Files.createDirectories(dir);
        Path bundle = dir.resolve("io.weir.sample-" + version + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "io.weir.sample");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        try (OutputStream out = Files.newOutputStream(bundle); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Path dp = dir.resolve(name + "-" + version + ".dp");
        DeploymentPackageWriter.write(PackageHeaders.of(name, OsgiVersion.parse(version), "Weir test"), List.of(bundle),
                dp);
        return dp;
    }

    /**
     * The package signed by key {@code signer} ({@code ops}, {@code rogue} or {@code plain}), in {@code dir}; signed
     * once: asked again for the same directory, the same file.
     */
    public Path signed(Path dir, String name, String version, String signer) throws Exception {
        Path target = dir.resolve(name + "-" + version + "-" + signer + ".dp");
        if (Files.exists(target)) {
            return target;
        }
        ensureKey(signer);
        Path unsigned = unsigned(dir.resolve("unsigned"), name, version);
        var key = DeploymentPackageSigner.loadKey(keys.resolve(signer + ".p12"), PASSWORD.toCharArray(), signer,
                PASSWORD.toCharArray());
        if (signer.equals("plain")) {
            // a key our own signing tool may refuse to use: signed with the JDK's signer directly, as an outsider would
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(unsigned.toFile());
                    OutputStream out = Files.newOutputStream(target)) {
                new jdk.security.jarsigner.JarSigner.Builder(key).signerName(signer).build().sign(zip, out);
            }
        } else {
            new DeploymentPackageSigner(key, signer).sign(unsigned, target);
        }
        return target;
    }

    private static void key(Path dir, String alias, String dname, boolean codeSigning)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "30", "-keystore", dir.resolve(alias + ".p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (codeSigning) {
            args.addAll(List.of("-ext", "KU=digitalSignature", "-ext", "EKU=codeSigning"));
        }
        keytool(args.toArray(String[]::new));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
