package io.weir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped profile must satisfy the schema, so a broken profile fails the build. */
class ProfileSchemaTest {

    /** Surefire runs in the module directory; this is the directory the runtime reads. */
    private static final Path SHIPPED = Path.of("profiles");
    private static final Path BROKEN = Path.of("src/test/resources/broken");
    private static final Path WRITABLE = Path.of("src/test/resources/writable");

    private static SchemaCheck schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = SchemaCheck.load("/device-profile.schema.json");
    }

    static Stream<Path> shippedProfiles() throws IOException {
        return SchemaCheck.yamlFiles(SHIPPED).stream();
    }

    static Stream<Path> brokenProfiles() throws IOException {
        return SchemaCheck.yamlFiles(BROKEN).stream();
    }

    @Test
    void shipsTheProfilesTheSitesNeed() throws IOException {
        assertThat(SchemaCheck.yamlFiles(SHIPPED)).extracting(p -> p.getFileName().toString()).contains(
                "hlk-ld8001h.yaml", "rs485-tipping-bucket.yaml", "eastron-sdm120.yaml", "eastron-sdm630.yaml",
                "tuf-2000m.yaml", "rs485-level-transmitter.yaml", "generic-4-20ma-ai4.yaml");
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void shippedProfileIsValid(Path file) throws IOException {
        YamlDocument doc = YamlDocument.read(file);
        assertThat(schema.problems(doc)).as(file.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("writableSamples")
    void writablePointsAreValid(Path file) throws IOException {
        assertThat(schema.problems(YamlDocument.read(file))).as(file.toString()).isEmpty();
    }

    static Stream<Path> writableSamples() throws IOException {
        return SchemaCheck.yamlFiles(WRITABLE).stream();
    }

    /** Rules the schema cannot say, which the site bundle also enforces. */
    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void idIsTheFileNameAndPointNamesAreUnique(Path file) throws IOException {
        Map<?, ?> profile = (Map<?, ?>) YamlDocument.read(file).value();
        String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        assertThat(profile.get("id")).as(file + ": id").isEqualTo(stem);
        var names = new HashSet<Object>();
        for (Object point : (List<?>) profile.get("points")) {
            Object name = ((Map<?, ?>) point).get("name");
            assertThat(names.add(name)).as(file + ": point name " + name + " repeated").isTrue();
        }
    }

    /** The schema is not vacuous: each file under broken/ breaks one rule, and the error points at its line. */
    @ParameterizedTest
    @MethodSource("brokenProfiles")
    void brokenProfileIsRejectedAtItsLine(Path file) throws IOException {
        YamlDocument doc = YamlDocument.read(file);
        int expectedLine = SchemaCheck.expectedErrorLine(file);
        assertThat(schema.problems(doc)).as(file.toString())
                .isNotEmpty()
                .anySatisfy(p -> assertThat(p).startsWith(file.getFileName() + ":" + expectedLine + ":"));
    }
}
