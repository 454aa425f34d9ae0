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

/** Every shipped CoAP profile (profiles/meters/) must satisfy its schema, so a broken one fails the build. */
class MeterProfileSchemaTest {

    private static final Path SHIPPED = Path.of("profiles/meters");
    private static final Path BROKEN = Path.of("src/test/resources/broken-meters");

    private static SchemaCheck schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = SchemaCheck.load("/meter-profile.schema.json");
    }

    static Stream<Path> shippedProfiles() throws IOException {
        return SchemaCheck.yamlFiles(SHIPPED).stream();
    }

    static Stream<Path> brokenProfiles() throws IOException {
        return SchemaCheck.yamlFiles(BROKEN).stream();
    }

    @Test
    void shipsTheMeterProfilesTheSitesNeed() throws IOException {
        assertThat(SchemaCheck.yamlFiles(SHIPPED)).extracting(p -> p.getFileName().toString())
                .contains("dlt645-three-phase.yaml", "cjt188-cold-water.yaml", "cjt188-heat.yaml");
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void shippedProfileIsValid(Path file) throws IOException {
        assertThat(schema.problems(YamlDocument.read(file))).as(file.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void idIsTheFileNameAndPointNamesAreUnique(Path file) throws IOException {
        Map<?, ?> profile = (Map<?, ?>) YamlDocument.read(file).value();
        assertThat(profile.get("id")).as(file + ": id")
                .isEqualTo(file.getFileName().toString().replaceFirst("\\.yaml$", ""));
        var names = new HashSet<Object>();
        for (Object point : (List<?>) profile.get("points")) {
            assertThat(names.add(((Map<?, ?>) point).get("name"))).as(file + ": repeated point").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("brokenProfiles")
    void brokenProfileIsRejectedAtItsLine(Path file) throws IOException {
        int line = SchemaCheck.expectedErrorLine(file);
        assertThat(schema.problems(YamlDocument.read(file))).as(file.toString()).isNotEmpty()
                .anySatisfy(p -> assertThat(p).startsWith(file.getFileName() + ":" + line + ":"));
    }
}
