package io.weir.cloud.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Typed, path-aware reads from one JSON object. Every failure is a {@link PayloadException} naming the full path
 * of the field ("events[0].site.name") and what is wrong, so a rejected message can be fixed at its source.
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields root(JsonNode node) throws PayloadException {
        if (node == null || !node.isObject()) {
            throw new PayloadException("$", "expected a JSON object, found " + describe(node));
        }
        return new JsonFields(node, "");
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** The object itself. */
    JsonNode node() {
        return node;
    }

    JsonNode raw(String name) {
        return node.get(name);
    }

    String requiredText(String name) throws PayloadException {
        JsonNode value = required(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new PayloadException(path(name), "expected a non-empty string, found " + describe(value));
        }
        return value.asText();
    }

    /** A non-empty string of at most {@code maxLength} characters (the width of its database column). */
    String requiredText(String name, int maxLength) throws PayloadException {
        String text = requiredText(name);
        if (text.length() > maxLength) {
            throw new PayloadException(path(name), "is " + text.length() + " characters long; at most " + maxLength
                    + " are allowed");
        }
        return text;
    }

    String optionalText(String name, int maxLength) throws PayloadException {
        return has(name) ? requiredText(name, maxLength) : null;
    }

    String requiredText(String name, Pattern pattern) throws PayloadException {
        String text = requiredText(name);
        if (!pattern.matcher(text).matches()) {
            throw new PayloadException(path(name), "'" + text + "' does not match " + pattern);
        }
        return text;
    }

    String optionalText(String name) throws PayloadException {
        return has(name) ? requiredText(name) : null;
    }

    boolean requiredBoolean(String name) throws PayloadException {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw new PayloadException(path(name), "expected true or false, found " + describe(value));
        }
        return value.asBoolean();
    }

    long requiredLong(String name, long min) throws PayloadException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new PayloadException(path(name), "expected an integer, found " + describe(value));
        }
        if (value.asLong() < min) {
            throw new PayloadException(path(name), value.asLong() + " is below the minimum " + min);
        }
        return value.asLong();
    }

    int requiredInt(String name, int min) throws PayloadException {
        long value = requiredLong(name, min);
        if (value > Integer.MAX_VALUE) {
            throw new PayloadException(path(name), value + " is above the maximum " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    Double optionalNumber(String name) throws PayloadException {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isNumber()) {
            throw new PayloadException(path(name), "expected a number, found " + describe(value));
        }
        return value.asDouble();
    }

    double requiredNumberInRange(String name, double min, double max) throws PayloadException {
        if (!has(name)) {
            throw new PayloadException(path(name), "is missing");
        }
        double value = optionalNumber(name);
        if (value < min || value > max) {
            throw new PayloadException(path(name), value + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }

    /** A number (as Double), boolean or string, or null when absent. */
    Object optionalScalar(String name) throws PayloadException {
        return has(name) ? scalar(node.get(name), path(name)) : null;
    }

    /** A number (as Double), boolean or string; anything else is a problem at {@code fieldPath}. */
    static Object scalar(JsonNode value, String fieldPath) throws PayloadException {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        throw new PayloadException(fieldPath, "expected a number, boolean or string, found " + describe(value));
    }

    Instant requiredInstant(String name) throws PayloadException {
        String text = requiredText(name);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new PayloadException(path(name), "'" + text + "' is not an RFC 3339 date-time");
        }
    }

    Instant optionalInstant(String name) throws PayloadException {
        return has(name) ? requiredInstant(name) : null;
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) throws PayloadException {
        String text = requiredText(name);
        return enumValue(path(name), text, type);
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type) throws PayloadException {
        return has(name) ? requiredEnum(name, type) : null;
    }

    JsonFields object(String name) throws PayloadException {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw new PayloadException(path(name), "expected an object, found " + describe(value));
        }
        return new JsonFields(value, path(name));
    }

    List<JsonFields> objects(String name, int minItems) throws PayloadException {
        JsonNode array = requiredArray(name, minItems);
        List<JsonFields> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path(name) + "[" + i + "]";
            if (!array.get(i).isObject()) {
                throw new PayloadException(itemPath, "expected an object, found " + describe(array.get(i)));
            }
            items.add(new JsonFields(array.get(i), itemPath));
        }
        return items;
    }

    List<String> texts(String name, int minItems) throws PayloadException {
        JsonNode array = requiredArray(name, minItems);
        List<String> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw new PayloadException(path(name) + "[" + i + "]",
                        "expected a non-empty string, found " + describe(item));
            }
            items.add(item.asText());
        }
        return List.copyOf(items);
    }

    private JsonNode requiredArray(String name, int minItems) throws PayloadException {
        JsonNode array = required(name);
        if (!array.isArray()) {
            throw new PayloadException(path(name), "expected an array, found " + describe(array));
        }
        if (array.size() < minItems) {
            throw new PayloadException(path(name), "expected at least " + minItems + " item(s), found " + array.size());
        }
        return array;
    }

    private JsonNode required(String name) throws PayloadException {
        if (!has(name)) {
            throw new PayloadException(path(name), "is missing");
        }
        return node.get(name);
    }

    static <E extends Enum<E>> E enumValue(String fieldPath, String text, Class<E> type) throws PayloadException {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name());
        }
        throw new PayloadException(fieldPath, "'" + text + "' is not one of " + allowed);
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
        String text = value.toString();
        return text.length() > 40 ? type : type + " " + text;
    }
}
