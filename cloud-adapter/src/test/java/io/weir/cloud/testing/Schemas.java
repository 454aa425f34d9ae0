package io.weir.cloud.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schemas of docs/schemas, loaded from the repository (the build passes their directory). */
public final class Schemas {
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** The schema directory: docs/schemas of this repository. */
    public static Path directory() {
        String configured = System.getProperty("weir.schemas.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "docs", "schemas");
        assertThat(dir).as("schema directory").isDirectory();
        return dir.toAbsolutePath().normalize();
    }

    /** Validation errors of {@code json} against {@code <kind>.schema.json}; empty when valid. */
    public static Set<ValidationMessage> validate(String kind, String json) {
        return schema(kind).validate(json, InputFormat.JSON);
    }

    /** Fails the test when {@code json} does not conform to {@code <kind>.schema.json}. */
    public static String requireValid(String kind, String json) {
        assertThat(validate(kind, json)).as("%s payload %s against %s.schema.json", kind, json, kind).isEmpty();
        return json;
    }

    private static JsonSchema schema(String kind) {
        return LOADED.computeIfAbsent(kind, k -> {
            Path file = directory().resolve(k + ".schema.json");
            assertThat(Files.isRegularFile(file)).as("%s exists", file).isTrue();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(SchemaLocation.of(file.toUri().toString()), config);
        });
    }
}
