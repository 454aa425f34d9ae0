package io.weir.coap.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

/**
 * Reads a SenML pack (RFC 8428) in JSON (content format 110) or CBOR (112) and resolves its records (section
 * 4.6). Everything wrong with a pack is reported with the record's index and the field, so a device maker can
 * find it.
 */
final class SenmlParser {

    static final int SENML_JSON = 110;
    static final int SENML_CBOR = 112;

    /** Resolved times below 2^28 are relative to now (RFC 8428 section 4.5.3). */
    private static final double RELATIVE_TIME_LIMIT = 1 << 28;
    /** A pack is a handful of measurements; more than this is not a report from a sensor. */
    static final int MAX_RECORDS = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:./-]*");

    /** CBOR SenML uses integer labels (RFC 8428 section 6, table 4); Jackson reads them as their decimal text. */
    private static final Map<String, String> CBOR_LABELS = Map.ofEntries(Map.entry("-1", "bver"),
            Map.entry("-2", "bn"), Map.entry("-3", "bt"), Map.entry("-4", "bu"), Map.entry("-5", "bv"),
            Map.entry("-6", "bs"), Map.entry("0", "n"), Map.entry("1", "u"), Map.entry("2", "v"),
            Map.entry("3", "vs"), Map.entry("4", "vb"), Map.entry("5", "s"), Map.entry("6", "t"),
            Map.entry("7", "ut"), Map.entry("8", "vd"));
    private static final List<String> FIELDS = List.of("bver", "bn", "bt", "bu", "bv", "bs", "n", "u", "v", "vs",
            "vb", "s", "t", "ut", "vd");

    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final ObjectMapper cbor = new CBORMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * @param payload the request body
     * @param format  {@link #SENML_JSON} or {@link #SENML_CBOR}
     * @param now     what relative times count from
     */
    List<SenmlRecord> parse(byte[] payload, int format, Instant now) throws MalformedSenml {
        JsonNode root = tree(payload, format);
        if (!root.isArray()) {
            throw new MalformedSenml("a SenML pack is an array of records, not " + describe(root));
        }
        if (root.size() == 0) {
            throw new MalformedSenml("the SenML pack has no records");
        }
        if (root.size() > MAX_RECORDS) {
            throw new MalformedSenml("the SenML pack has " + root.size() + " records, more than " + MAX_RECORDS);
        }
        var base = new Base();
        var records = new ArrayList<SenmlRecord>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            if (!node.isObject()) {
                throw new MalformedSenml("record " + i + " is " + describe(node) + ", not an object");
            }
            SenmlRecord record = resolve(i, fields(i, node, format == SENML_CBOR), base, now);
            if (record != null) {
                records.add(record);
            }
        }
        if (records.isEmpty()) {
            throw new MalformedSenml("the SenML pack has no record with a value");
        }
        return records;
    }

    private JsonNode tree(byte[] payload, int format) throws MalformedSenml {
        ObjectMapper mapper = switch (format) {
            case SENML_JSON -> json;
            case SENML_CBOR -> cbor;
            default -> throw new IllegalArgumentException("content format " + format + " is not SenML");
        };
        try (JsonParser parser = mapper.createParser(payload)) {
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new MalformedSenml("the payload is empty");
            }
            if (parser.nextToken() != null) {
                throw new MalformedSenml("the payload goes on after the SenML pack");
            }
            return root;
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage()
                    : e.getMessage();
            throw new MalformedSenml("not " + (format == SENML_JSON ? "JSON" : "CBOR") + ": " + message);
        }
    }

    /** The record's fields under their JSON labels; unknown fields are refused, as RFC 8428 asks for "_" ones. */
    private static Map<String, JsonNode> fields(int index, JsonNode node, boolean cborLabels) throws MalformedSenml {
        var fields = new java.util.LinkedHashMap<String, JsonNode>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String label = cborLabels ? CBOR_LABELS.getOrDefault(field.getKey(), field.getKey()) : field.getKey();
            if (label.endsWith("_")) {
                throw new MalformedSenml("record " + index + ": field '" + label + "' must be understood and is not");
            }
            if (FIELDS.contains(label)) {
                fields.put(label, field.getValue());
            }
            // other fields are extensions a receiver may ignore (RFC 8428 section 4.4)
        }
        return fields;
    }

    /** Carries base fields from one record to the next, as RFC 8428 section 4.6 resolves them. */
    private static final class Base {
        String name = "";
        double time;
        String unit = "";
        double value;
        double sum;
    }

    private static SenmlRecord resolve(int i, Map<String, JsonNode> f, Base base, Instant now) throws MalformedSenml {
        if (f.containsKey("bver")) {
            double version = number(i, f, "bver");
            if (version < 10 || version != Math.rint(version)) {
                throw new MalformedSenml("record " + i + ": bver " + f.get("bver") + " is not a SenML version");
            }
        }
        if (f.containsKey("bn")) {
            base.name = text(i, f, "bn");
        }
        if (f.containsKey("bt")) {
            base.time = number(i, f, "bt");
        }
        if (f.containsKey("bu")) {
            base.unit = text(i, f, "bu");
        }
        if (f.containsKey("bv")) {
            base.value = number(i, f, "bv");
        }
        if (f.containsKey("bs")) {
            base.sum = number(i, f, "bs");
        }
        int values = (f.containsKey("v") ? 1 : 0) + (f.containsKey("vs") ? 1 : 0) + (f.containsKey("vb") ? 1 : 0)
                + (f.containsKey("vd") ? 1 : 0);
        if (values > 1) {
            throw new MalformedSenml("record " + i + " has more than one of v, vs, vb, vd");
        }
        if (values == 0 && !f.containsKey("s")) {
            if (f.containsKey("n") || f.containsKey("t") || f.containsKey("u")) {
                throw new MalformedSenml("record " + i + " has no value (v, vs, vb, vd) and no sum (s)");
            }
            return null; // only base fields, for the records after it
        }
        String name = base.name + (f.containsKey("n") ? text(i, f, "n") : "");
        if (!NAME.matcher(name).matches()) {
            throw new MalformedSenml("record " + i + ": name '" + name + "' is empty or holds characters SenML does"
                    + " not allow");
        }
        double time = base.time + (f.containsKey("t") ? number(i, f, "t") : 0);
        Instant at = time < RELATIVE_TIME_LIMIT ? now.plusNanos((long) (time * 1e9))
                : Instant.ofEpochSecond((long) Math.floor(time), (long) ((time - Math.floor(time)) * 1e9));
        String unit = f.containsKey("u") ? text(i, f, "u") : base.unit;
        Object value;
        if (f.containsKey("v")) {
            value = base.value + number(i, f, "v");
        } else if (f.containsKey("vs")) {
            value = text(i, f, "vs");
        } else if (f.containsKey("vb")) {
            JsonNode vb = f.get("vb");
            if (!vb.isBoolean()) {
                throw new MalformedSenml("record " + i + ": vb is " + describe(vb) + ", not true or false");
            }
            value = vb.booleanValue();
        } else if (f.containsKey("vd")) {
            value = data(i, f.get("vd"));
        } else {
            value = base.sum + number(i, f, "s");
        }
        return new SenmlRecord(name, at, unit, value);
    }

    private static double number(int i, Map<String, JsonNode> f, String field) throws MalformedSenml {
        JsonNode node = f.get(field);
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new MalformedSenml("record " + i + ": " + field + " is " + describe(node) + ", not a number");
        }
        return node.doubleValue();
    }

    private static String text(int i, Map<String, JsonNode> f, String field) throws MalformedSenml {
        JsonNode node = f.get(field);
        if (!node.isTextual()) {
            throw new MalformedSenml("record " + i + ": " + field + " is " + describe(node) + ", not text");
        }
        return node.textValue();
    }

    /** A data value: base64url text in JSON, a byte string in CBOR; kept as base64url text. */
    private static String data(int i, JsonNode node) throws MalformedSenml {
        if (node.isBinary()) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(node.binaryValue());
            } catch (IOException e) {
                throw new MalformedSenml("record " + i + ": vd cannot be read");
            }
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new MalformedSenml("record " + i + ": vd is " + describe(node) + ", not data");
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "a byte string";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
