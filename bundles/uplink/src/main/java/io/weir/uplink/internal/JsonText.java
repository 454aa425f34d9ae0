package io.weir.uplink.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Checks JSON text from other bundles before it is written raw into a message, so one bad part cannot break it. */
final class JsonText {

    private JsonText() {
    }

    /**
     * @param first the token the value must start with, or null for any value
     * @return true when {@code text} holds exactly one well-formed JSON value
     */
    static boolean isValue(JsonFactory json, String text, JsonToken first) {
        try (JsonParser p = json.createParser(text)) {
            JsonToken start = p.nextToken();
            if (start == null || (first != null && start != first)) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Text from the network, cut short and without control characters, before it goes into a message or a log. */
    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
