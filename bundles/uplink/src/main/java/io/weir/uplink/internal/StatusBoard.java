package io.weir.uplink.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.weir.api.command.StatusProvider;

/** The parts of the gateway's state that bundles offer (StatusProvider services), read for each state message. */
final class StatusBoard {

    private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

    private final Map<String, StatusProvider> parts = new ConcurrentHashMap<>();
    private final JsonFactory json = new JsonFactory();

    /** Adds a part; false (and nothing changes) when the name is taken. */
    boolean add(String name, StatusProvider part) {
        return parts.putIfAbsent(name, part) == null;
    }

    void remove(String name, StatusProvider part) {
        parts.remove(name, part);
    }

    /** Each part's JSON value by name; a part that fails or answers with broken JSON shows as an error object. */
    Map<String, String> snapshot() {
        var out = new TreeMap<String, String>();
        parts.forEach((name, part) -> {
            String value;
            try {
                value = part.statusJson();
            } catch (RuntimeException e) {
                LOG.warn("status {} failed: {}", name, e.toString());
                out.put(name, error("status failed: " + e.getMessage()));
                return;
            }
            if (value == null || !JsonText.isValue(json, value, null)) {
                LOG.warn("status {} is not JSON: {}", name, value);
                out.put(name, error("status is not JSON"));
                return;
            }
            out.put(name, value);
        });
        return out;
    }

    private static String error(String message) {
        return "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(String.valueOf(message)))
                + "\"}";
    }
}
