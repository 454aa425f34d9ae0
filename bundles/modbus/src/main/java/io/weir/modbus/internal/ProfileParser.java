package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.weir.api.profile.DeviceProfile;

/**
 * Reads the {@code profile} property (the JSON the site bundle writes for a {@link DeviceProfile}) and, when it
 * cannot, says which field is wrong and why.
 */
final class ProfileParser {

    private static final Pattern POINT_NAME = Pattern.compile("[a-z0-9_]+");

    /** What parsing produced. */
    sealed interface Outcome {
        record Parsed(DeviceProfile profile) implements Outcome {
        }

        /**
         * @param field      where the problem is, e.g. {@code points[2].type}; {@code profile} for the whole document
         * @param problem    what is wrong
         * @param pointNames the point names that could still be read from the document, so their channels can
         *                   report the problem; empty when none could
         */
        record Invalid(String field, String problem, List<String> pointNames) implements Outcome {
            public Invalid {
                pointNames = List.copyOf(pointNames);
            }
        }
    }

    /**
     * One for every device: a newer site bundle may add fields, and an older gateway reading them must keep polling.
     * Shared, as Jackson's mappers are made to be once configured: a mapper of its own built the profile's
     * deserializer again for every device, twice (a few milliseconds each, on the thread that hands ConfigAdmin's
     * configurations to the components one at a time).
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader PROFILE = MAPPER.readerFor(DeviceProfile.class);

    Outcome parse(String json) {
        if (json == null || json.isBlank()) {
            return new Outcome.Invalid("profile", "is empty", List.of());
        }
        try {
            return new Outcome.Parsed(PROFILE.readValue(json));
        } catch (JsonMappingException e) {
            return invalid(json, e);
        } catch (JsonProcessingException e) {
            return new Outcome.Invalid("profile", "is not JSON: " + e.getOriginalMessage() + location(e),
                    pointNames(json));
        }
    }

    private Outcome.Invalid invalid(String json, JsonMappingException e) {
        String path = path(e);
        Throwable cause = e.getCause();
        // The records check themselves in their constructors; their messages already name the offending value.
        if (cause instanceof NullPointerException && cause.getMessage() != null) {
            return new Outcome.Invalid(join(path, cause.getMessage()), "is missing", pointNames(json));
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return new Outcome.Invalid(path, cause.getMessage(), pointNames(json));
        }
        return new Outcome.Invalid(path, e.getOriginalMessage(), pointNames(json));
    }

    private static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "profile" : path.toString();
    }

    private static String join(String path, String field) {
        return "profile".equals(path) ? field : path + "." + field;
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private List<String> pointNames(String json) {
        var names = new ArrayList<String>();
        try {
            for (JsonNode point : MAPPER.readTree(json).path("points")) {
                String name = point.path("name").asText("");
                if (POINT_NAME.matcher(name).matches() && !names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (JsonProcessingException e) {
            // not even a JSON tree: the caller reports the whole profile as broken
        }
        return names;
    }
}
