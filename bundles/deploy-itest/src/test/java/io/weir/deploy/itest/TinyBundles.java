package io.weir.deploy.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Real bundles made by the tests: a manifest, one Declarative Services component and its class, copied from this
 * tests bundle (the class uses nothing but java.lang, so the bundle imports nothing).
 */
final class TinyBundles {

    private TinyBundles() {
    }

    /** Bundle {@code symbolicName} with component {@code <symbolicName>.component} implemented by {@code impl}. */
    static Path bundle(Path dir, String symbolicName, String version, Class<?> impl) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Service-Component", "OSGI-INF/component.xml");
        String classFile = impl.getName().replace('.', '/') + ".class";
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="%s.component" immediate="true">
                  <implementation class="%s"/>
                </scr:component>
                """.formatted(symbolicName, impl.getName());
        Path file = dir.resolve(symbolicName + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest);
                InputStream classBytes = impl.getClassLoader().getResourceAsStream(classFile)) {
            jar.putNextEntry(new ZipEntry("OSGI-INF/component.xml"));
            jar.write(component.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new ZipEntry(classFile));
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
        return file;
    }
}
