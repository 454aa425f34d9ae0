package io.weir.cloud.deploy;

import java.time.Duration;
import java.util.List;

/**
 * Push a registered package to one gateway or to a group, in waves.
 *
 * @param gatewayId        one gateway, or null when {@code group} is given
 * @param group            a group defined with {@link Deployments#defineGroup}, or null
 * @param canaries         shorthand for {@code waves = [canaries, "100%"]}: how many gateways (the first ones of the
 *                         group, in its order) install first; 0: not staged. Not together with {@code waves}
 * @param timeout          how long a gateway may stay silent (no report) before its job is TIMED_OUT; null: the
 *                         default
 * @param waves            wave sizes in order, each a count ({@code "2"}) or a share of the target ({@code "25%"},
 *                         rounded up); the last one repeats until every gateway has its wave. Null or empty: one
 *                         wave, or the canaries
 * @param successThreshold percent (0..100) of a wave's gateways that must succeed for the next wave to start; null:
 *                         100
 * @param soak             how long to wait after a wave passed before starting the next; null: no wait
 */
public record RolloutRequest(String name, String version, String gatewayId, String group, int canaries,
                             Duration timeout, List<String> waves, Integer successThreshold, Duration soak) {

    public RolloutRequest {
        waves = waves == null ? List.of() : List.copyOf(waves);
    }

    public RolloutRequest(String name, String version, String gatewayId, String group, int canaries,
                          Duration timeout) {
        this(name, version, gatewayId, group, canaries, timeout, null, null, null);
    }

    public static RolloutRequest toGateway(String name, String version, String gatewayId) {
        return new RolloutRequest(name, version, gatewayId, null, 0, null);
    }

    public static RolloutRequest toGroup(String name, String version, String group, int canaries) {
        return new RolloutRequest(name, version, null, group, canaries, null);
    }

    /** To a group in waves of the given sizes ({@code "1"}, {@code "25%"}, ...). */
    public static RolloutRequest inWaves(String name, String version, String group, List<String> waves,
                                         int successThreshold, Duration soak) {
        return new RolloutRequest(name, version, null, group, 0, null, waves, successThreshold, soak);
    }

    public RolloutRequest withTimeout(Duration timeout) {
        return new RolloutRequest(name, version, gatewayId, group, canaries, timeout, waves, successThreshold, soak);
    }
}
