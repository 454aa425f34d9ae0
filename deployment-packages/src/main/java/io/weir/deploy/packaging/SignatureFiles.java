package io.weir.deploy.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The JAR signature's files in a deployment package, and a package without them. */
public final class SignatureFiles {

    private SignatureFiles() {
    }

    /**
     * Whether {@code path} is one of the JAR signing files, which the Deployment Admin specification places right
     * after the manifest: {@code META-INF/*.SF} and the signature blocks {@code .DSA}, {@code .RSA}, {@code .EC}.
     */
    public static boolean isSignature(String path) {
        return EntryPaths.isSignature(path);
    }

    /**
     * Writes {@code signed} without its signature files: the same manifest (with each entry's digest still in it)
     * and the same entries in the same order. For a Deployment Admin that cannot read a signed stream (Felix
     * Deployment Admin 0.9.6 takes the signature files for resources the manifest does not name), once the signature
     * has been checked on the very same file.
     */
    public static void writeStripped(Path signed, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(signed); ZipInputStream zip = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(target); ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (isSignature(entry.getName())) {
                    continue;
                }
                ZipEntry copied = new ZipEntry(entry.getName());
                copied.setTimeLocal(DeploymentPackageWriter.ENTRY_TIME);
                copy.putNextEntry(copied);
                zip.transferTo(copy);
                copy.closeEntry();
            }
        }
    }
}
