package io.weir.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void aWorldReadableSecretIsMadeOwnerOnlyWithAWarningThatNeverQuotesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("uplink.password"), "s3cret-never-logged\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(SecretFile.readText(file, warnings::add)).isEqualTo("s3cret-never-logged");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(warnings).singleElement().asString().contains("was readable by others (rw-r--r--)")
                .contains("rotate it").doesNotContain("s3cret");
        SecretFile.readText(file, warnings::add);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void emptyMissingAndHugeFilesAreRefusedByName() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path huge = Files.write(dir.resolve("huge"), new byte[SecretFile.MAX_BYTES + 1]);

        assertThatThrownBy(() -> SecretFile.read(empty, warnings::add)).isInstanceOf(IOException.class)
                .hasMessage("secret file " + empty + " is empty");
        assertThatThrownBy(() -> SecretFile.read(huge, warnings::add)).hasMessageContaining("is larger than");
        assertThatThrownBy(() -> SecretFile.read(dir.resolve("nope"), warnings::add))
                .hasMessageContaining("does not exist");
    }

    @Test
    void privateDirectoriesAndFilesAreTheOwnersOnly() throws Exception {
        Path kept = SecretFile.privateDirectory(dir.resolve("deploy/packages"));
        Path file = SecretFile.ownerOnly(Files.writeString(kept.resolve("x.dp"), "x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
