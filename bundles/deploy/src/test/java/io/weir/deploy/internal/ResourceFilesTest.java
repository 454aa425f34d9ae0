package io.weir.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceFilesTest {

    @TempDir
    Path dir;

    private Path siteFile;
    private Path profiles;
    private ResourceFiles files;

    @BeforeEach
    void setUp() throws Exception {
        siteFile = dir.resolve("conf/site.yaml");
        profiles = dir.resolve("conf/profiles");
        Files.createDirectories(profiles);
        Files.writeString(siteFile, "gateway: {id: technician}\n");
        files = new ResourceFiles(new ResourceTargets(profiles, siteFile), dir.resolve("work"));
    }

    @Test
    void nothingLandsBeforeCommit() throws Exception {
        files.begin();
        files.process("site/site.yaml", text("gateway: {id: package}\n"));
        files.process("profiles/radar.yaml", text("id: radar\n"));
        files.prepare();

        assertThat(siteFile).hasContent("gateway: {id: technician}");
        assertThat(profiles.resolve("radar.yaml")).doesNotExist();

        files.commit();

        assertThat(siteFile).hasContent("gateway: {id: package}");
        assertThat(profiles.resolve("radar.yaml")).hasContent("id: radar");
    }

    @Test
    void aRollbackLeavesEverythingAsItWas() throws Exception {
        files.begin();
        files.process("site/site.yaml", text("gateway: {id: package}\n"));
        files.rollback();

        assertThat(siteFile).hasContent("gateway: {id: technician}");
        assertThat(dir.resolve("work/staging")).isEmptyDirectory();
    }

    @Test
    void prepareRefusesAnEmptyResource() throws Exception {
        files.begin();
        files.process("profiles/empty.yaml", text(""));

        assertThatThrownBy(files::prepare).hasMessage("resource profiles/empty.yaml is empty");
    }

    @Test
    void droppingAResourceRestoresWhatWasThereBeforeAnyPackage() throws Exception {
        files.begin();
        files.process("site/site.yaml", text("gateway: {id: v1}\n"));
        files.process("profiles/radar.yaml", text("id: radar\n"));
        files.commit();
        files.begin();
        files.process("site/site.yaml", text("gateway: {id: v2}\n"));
        files.commit();

        files.begin();
        files.dropped("site/site.yaml");
        files.dropped("profiles/radar.yaml");
        files.commit();

        assertThat(siteFile).hasContent("gateway: {id: technician}");
        assertThat(profiles.resolve("radar.yaml")).doesNotExist();
    }

    @Test
    void refusesAResourceItDoesNotKnowWhereToPut() throws Exception {
        files.begin();

        assertThatThrownBy(() -> files.process("profiles/../../etc/passwd.yaml", text("x: y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource profiles/../../etc/passwd.yaml is neither profiles/<id>.yaml nor site/site.yaml");
    }

    @Test
    void aSiteFileKeepsItsModeThroughADeployAndItsOriginalCopyIsTheOwnersOnly() throws Exception {
        Files.setPosixFilePermissions(siteFile, PosixFilePermissions.fromString("rw-------"));

        files.begin();
        files.process("site/site.yaml", text("gateway: {id: package}\n"));
        files.prepare();
        files.commit();

        assertThat(siteFile).hasContent("gateway: {id: package}");
        assertThat(mode(siteFile)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("work/originals"))).isEqualTo("rwx------");
    }

    @Test
    void aSiteFileThatCarriesASecretIsRefused() throws Exception {
        for (String secret : new String[] {"uplink:\n  password: hunter2\n", "console: {token: abcdefabcdefabcdef}\n",
                "coap:\n  devices:\n    - id: c1\n      keyHex: 0011223344556677\n"}) {
            files.begin();
            files.process("site/site.yaml", text("gateway: {id: package}\n" + secret));

            assertThatThrownBy(files::prepare).as(secret).hasMessageStartingWith("resource site/site.yaml carries a "
                    + "secret (").hasMessageNotContaining("hunter2").hasMessageEndingWith("File)");
            files.rollback();
        }
        files.begin();
        files.process("site/site.yaml", text("gateway: {id: package}\nuplink:\n  passwordFile: uplink.password\n"
                + "  # password: never inline\n"));
        files.prepare();
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static ByteArrayInputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
