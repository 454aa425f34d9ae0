package io.weir.simulator.county;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a case body into a {@link CaseReport}, or a 400 that names the first field that is missing or wrong, so
 * that the engineer writing a connector sees at once what to fix.
 */
final class CaseReportParser {

    private static final int VERSION = 1;
    private static final Set<String> CASE_TYPES = Set.of("EVENT", "COMPONENT");
    private static final Pattern LARGE_CLASS = Pattern.compile("\\d{2}");
    private static final Pattern SMALL_CLASS = Pattern.compile("\\d{4}");
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]*");

    private final ObjectMapper json;

    CaseReportParser(ObjectMapper json) {
        this.json = json;
    }

    CaseReport parse(byte[] body) throws Rejection {
        JsonNode root = readObject(body);
        checkVersion(root);
        String largeClass = matching(root, "largeClass", LARGE_CLASS, "two digits, such as 04");
        String smallClass = matching(root, "smallClass", SMALL_CLASS, "four digits, such as 0401");
        if (!smallClass.startsWith(largeClass)) {
            throw bad("smallClass", "smallClass " + smallClass + " does not belong to largeClass " + largeClass);
        }
        String caseType = text(root, "caseType");
        if (!CASE_TYPES.contains(caseType)) {
            throw bad("caseType", "caseType must be one of " + CASE_TYPES + ", was '" + caseType + "'");
        }
        return new CaseReport(
                text(root, "idempotencyKey"),
                caseType,
                largeClass,
                smallClass,
                text(root, "title"),
                text(root, "description"),
                matching(root, "urgency", CODE, "an upper-case code such as URGENT"),
                number(root, "longitude", -180, 180),
                number(root, "latitude", -90, 90),
                text(root, "address"),
                text(root, "department"),
                positiveInt(root, "timeLimitHours"),
                instant(root, "reportedAt"));
    }

    JsonNode readObject(byte[] body) throws Rejection {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw Rejection.badBody("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Rejection.badBody("the body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw Rejection.badBody("the body must be a JSON object");
        }
        return root;
    }

    static void checkVersion(JsonNode root) throws Rejection {
        JsonNode v = present(root, "v");
        if (!v.isIntegralNumber()) {
            throw bad("v", "v must be the number " + VERSION);
        }
        if (v.asInt() != VERSION) {
            throw bad("v", "version " + v.asText() + " is not supported; this platform speaks version " + VERSION);
        }
    }

    static String text(JsonNode root, String field) throws Rejection {
        JsonNode node = present(root, field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw bad(field, field + " must be a non-empty string");
        }
        return node.asText();
    }

    static String matching(JsonNode root, String field, Pattern pattern, String expected) throws Rejection {
        String value = text(root, field);
        if (!pattern.matcher(value).matches()) {
            throw bad(field, field + " must be " + expected + ", was '" + value + "'");
        }
        return value;
    }

    private static double number(JsonNode root, String field, double min, double max) throws Rejection {
        JsonNode node = present(root, field);
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw bad(field, field + " must be a number from " + min + " to " + max);
        }
        return node.asDouble();
    }

    private static int positiveInt(JsonNode root, String field) throws Rejection {
        JsonNode node = present(root, field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() <= 0) {
            throw bad(field, field + " must be a positive whole number of hours");
        }
        return node.asInt();
    }

    static Instant instant(JsonNode root, String field) throws Rejection {
        String value = text(root, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(field, field + " must be an ISO-8601 instant such as 2026-11-21T08:00:00Z, was '" + value + "'");
        }
    }

    private static JsonNode present(JsonNode root, String field) throws Rejection {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw Rejection.badField("missing-field", field, field + " is missing");
        }
        return node;
    }

    private static Rejection bad(String field, String detail) {
        return Rejection.badField("bad-field", field, detail);
    }
}
