package io.weir.deploy.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small JARs made on the spot: bundles, and things that only look like them. */
final class TestJars {

    private TestJars() {
    }

    /** A minimal R4 bundle with one class-like entry, so that it has content besides its manifest. */
    static Path bundle(Path folder, String fileName, String symbolicName, String version) throws IOException {
        Manifest manifest = manifest();
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        if (version != null) {
            manifest.getMainAttributes().putValue("Bundle-Version", version);
        }
        return jar(folder, fileName, manifest);
    }

    /** A JAR with this manifest, written the way the JDK writes JARs. */
    static Path jar(Path folder, String fileName, Manifest manifest) throws IOException {
        Path file = folder.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("io/weir/test/Thing.class"));
            jar.write(fileName.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    /** A JAR with no manifest at all. */
    static Path plainZip(Path folder, String fileName) throws IOException {
        Path file = folder.resolve(fileName);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a bundle".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    /** A ZIP stream of the given entries, in order: {name, bytes, name, bytes, ...}. */
    static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                zip.write((byte[]) namesAndContents[i + 1]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
