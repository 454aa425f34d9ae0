package io.weir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every shipped profile must satisfy the schema, so a broken profile fails the build. */
class ProfileSchemaTest {

    /** Surefire runs in the module directory; this is the directory the runtime reads. */
    private static final Path SHIPPED = Path.of("profiles");
    private static final Path BROKEN = Path.of("src/test/resources/broken");
    private static final Path WRITABLE = Path.of("src/test/resources/writable");

    private static Schema schema;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ProfileSchemaTest.class.getResourceAsStream("/device-profile.schema.json")) {
            assertThat(in).as("schema on the classpath").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    static Stream<Path> shippedProfiles() throws IOException {
        return yamlFiles(SHIPPED).stream();
    }

    static Stream<Path> brokenProfiles() throws IOException {
        return yamlFiles(BROKEN).stream();
    }

    @Test
    void shipsTheProfilesTheSitesNeed() throws IOException {
        assertThat(yamlFiles(SHIPPED)).extracting(p -> p.getFileName().toString()).contains(
                "hlk-ld8001h.yaml", "rs485-tipping-bucket.yaml", "eastron-sdm120.yaml", "eastron-sdm630.yaml",
                "tuf-2000m.yaml", "rs485-level-transmitter.yaml", "generic-4-20ma-ai4.yaml");
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void shippedProfileIsValid(Path file) throws IOException {
        YamlDocument doc = YamlDocument.read(file);
        assertThat(problems(doc)).as(file.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("writableSamples")
    void writablePointsAreValid(Path file) throws IOException {
        assertThat(problems(YamlDocument.read(file))).as(file.toString()).isEmpty();
    }

    static Stream<Path> writableSamples() throws IOException {
        return yamlFiles(WRITABLE).stream();
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
        int expectedLine = expectedErrorLine(file);
        assertThat(problems(doc)).as(file.toString())
                .isNotEmpty()
                .anySatisfy(p -> assertThat(p).startsWith(file.getFileName() + ":" + expectedLine + ":"));
    }

    private List<String> problems(YamlDocument doc) {
        JsonNode node = json.valueToTree(doc.value());
        var problems = new ArrayList<String>();
        for (Error error : schema.validate(node)) {
            List<Object> at = elements(error.getInstanceLocation());
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                at.add(error.getProperty()); // point at the unknown field itself, not at its object
            }
            problems.add(doc.file().getFileName() + ":" + doc.lineOf(at) + ": " + error.getMessage());
        }
        return problems;
    }

    private static List<Object> elements(NodePath path) {
        var elements = new ArrayList<Object>();
        for (int i = 0; i < path.getNameCount(); i++) {
            elements.add(path.getElement(i));
        }
        return elements;
    }

    /** Each broken sample names the line of its fault in a first-line comment: {@code # error at line N}. */
    private static int expectedErrorLine(Path file) throws IOException {
        String first = Files.readAllLines(file).get(0);
        assertThat(first).as(file + " first line").matches("# error at line \\d+.*");
        return Integer.parseInt(first.replaceAll("# error at line (\\d+).*", "$1"));
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
