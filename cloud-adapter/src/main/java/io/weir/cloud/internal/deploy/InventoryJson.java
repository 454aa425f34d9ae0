package io.weir.cloud.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** Name-to-version maps (packages, bundles) as the JSON text the tables keep, sorted by name. */
final class InventoryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InventoryJson() {
    }

    static String write(Map<String, String> versions) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(versions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** The map; empty for a null column. */
    static Map<String, String> read(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON object of versions: " + json, e);
        }
    }
}
