package io.weir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A profile schema from the classpath, reporting each violation as {@code file:line: message}. */
final class SchemaCheck {

    private final Schema schema;
    private final JsonMapper json = JsonMapper.builder().build();

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    static SchemaCheck load(String resource) throws IOException {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return new SchemaCheck(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in));
        }
    }

    List<String> problems(YamlDocument doc) {
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
    static int expectedErrorLine(Path file) throws IOException {
        String first = Files.readAllLines(file).get(0);
        assertThat(first).as(file + " first line").matches("# error at line \\d+.*");
        return Integer.parseInt(first.replaceAll("# error at line (\\d+).*", "$1"));
    }

    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
