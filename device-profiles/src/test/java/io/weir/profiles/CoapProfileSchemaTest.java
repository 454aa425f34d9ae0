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

/** Every shipped CoAP profile (profiles/coap/) must satisfy its schema, so a broken one fails the build. */
class CoapProfileSchemaTest {

    private static final Path SHIPPED = Path.of("profiles/coap");
    private static final Path BROKEN = Path.of("src/test/resources/broken-coap");

    private static Schema schema;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = CoapProfileSchemaTest.class.getResourceAsStream("/coap-profile.schema.json")) {
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
    void shipsTheCoapProfilesTheSitesNeed() throws IOException {
        assertThat(yamlFiles(SHIPPED)).extracting(p -> p.getFileName().toString())
                .contains("nbiot-manhole-cover.yaml", "nbiot-gas-detector.yaml");
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void shippedProfileIsValid(Path file) throws IOException {
        assertThat(problems(YamlDocument.read(file))).as(file.toString()).isEmpty();
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
        if (profile.get("tiltAngle") != null) {
            assertThat(names).as(file + ": tiltAngle").contains(profile.get("tiltAngle"));
        }
    }

    @ParameterizedTest
    @MethodSource("brokenProfiles")
    void brokenProfileIsRejectedAtItsLine(Path file) throws IOException {
        String first = Files.readAllLines(file).get(0);
        int line = Integer.parseInt(first.replaceAll("# error at line (\\d+).*", "$1"));
        assertThat(problems(YamlDocument.read(file))).as(file.toString()).isNotEmpty()
                .anySatisfy(p -> assertThat(p).startsWith(file.getFileName() + ":" + line + ":"));
    }

    private List<String> problems(YamlDocument doc) {
        JsonNode node = json.valueToTree(doc.value());
        var problems = new ArrayList<String>();
        for (Error error : schema.validate(node)) {
            List<Object> at = new ArrayList<>();
            NodePath path = error.getInstanceLocation();
            for (int i = 0; i < path.getNameCount(); i++) {
                at.add(path.getElement(i));
            }
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                at.add(error.getProperty());
            }
            problems.add(doc.file().getFileName() + ":" + doc.lineOf(at) + ": " + error.getMessage());
        }
        return problems;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
