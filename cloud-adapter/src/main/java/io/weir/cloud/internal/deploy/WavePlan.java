package io.weir.cloud.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.deploy.DeploymentRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a rollout's gateways split into waves: each size a count ({@code "2"}) or a share of all the target's gateways
 * ({@code "25%"}, rounded up, at least one); the last size repeats until every gateway has its wave. Gateways keep
 * the group's order, so the first ones are the canaries.
 */
final class WavePlan {
    static final int MAX_SIZES = 100;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,6})(%?)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WavePlan() {
    }

    /**
     * The sizes to use: {@code waves} as given, or {@code [canaries, "100%"]}, or one wave of everything.
     *
     * @throws DeploymentRequestException naming the bad size
     */
    static List<String> sizes(List<String> waves, int canaries) {
        if (!waves.isEmpty() && canaries != 0) {
            throw new DeploymentRequestException("give either waves or canaries, not both");
        }
        if (waves.isEmpty()) {
            return canaries > 0 ? List.of(Integer.toString(canaries), "100%") : List.of("100%");
        }
        if (waves.size() > MAX_SIZES) {
            throw new DeploymentRequestException("at most " + MAX_SIZES + " wave sizes, got " + waves.size());
        }
        for (int i = 0; i < waves.size(); i++) {
            Matcher m = waves.get(i) == null ? null : SIZE.matcher(waves.get(i).trim());
            if (m == null || !m.matches() || Integer.parseInt(m.group(1)) == 0
                    || (!m.group(2).isEmpty() && Integer.parseInt(m.group(1)) > 100)) {
                throw new DeploymentRequestException("waves[" + i + "] '" + waves.get(i) + "' is not a count of "
                        + "gateways (1, 2, ...) or a share of them (1% to 100%)");
            }
        }
        return waves.stream().map(String::trim).toList();
    }

    /** The wave (1-based) of each of {@code gateways} gateways, in order. */
    static int[] assign(List<String> sizes, int gateways) {
        int[] waves = new int[gateways];
        int placed = 0;
        for (int wave = 1; placed < gateways; wave++) {
            String size = sizes.get(Math.min(wave - 1, sizes.size() - 1));
            int n = size.endsWith("%")
                    ? (int) Math.max(1, Math.ceil(Integer.parseInt(size.substring(0, size.length() - 1)) * gateways
                    / 100.0))
                    : Integer.parseInt(size);
            for (int i = 0; i < n && placed < gateways; i++) {
                waves[placed++] = wave;
            }
        }
        return waves;
    }

    /** How many gateways of {@code total} must succeed to meet a threshold of {@code percent}. */
    static int needed(int percent, int total) {
        return (int) Math.ceil(percent * total / 100.0);
    }

    static String toJson(List<String> sizes) {
        try {
            return JSON.writeValueAsString(sizes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    /** Reads sizes back; rows from before V8 hold numbers too. */
    static List<String> fromJson(String json) {
        if (json == null) {
            return List.of("100%");
        }
        try {
            List<Object> raw = JSON.readValue(json, new TypeReference<List<Object>>() { });
            List<String> sizes = new ArrayList<>(raw.size());
            raw.forEach(o -> sizes.add(String.valueOf(o)));
            return sizes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("deploy_rollout.waves_json is not a JSON list: " + json, e);
        }
    }
}
