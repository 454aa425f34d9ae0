package io.weir.cloud.deploy;

import java.time.Duration;

/**
 * Push a registered package to one gateway or to a group.
 *
 * @param gatewayId one gateway, or null when {@code group} is given
 * @param group     a group defined with {@link Deployments#defineGroup}, or null
 * @param canaries  how many gateways (the first ones of the group, in its order) install first; the rest only once
 *                  every canary reported DEPLOY_SUCCEEDED. 0: all at once
 * @param timeout   how long a gateway may stay silent (no report) before its job is TIMED_OUT; null: the default
 */
public record RolloutRequest(String name, String version, String gatewayId, String group, int canaries,
                             Duration timeout) {

    public static RolloutRequest toGateway(String name, String version, String gatewayId) {
        return new RolloutRequest(name, version, gatewayId, null, 0, null);
    }

    public static RolloutRequest toGroup(String name, String version, String group, int canaries) {
        return new RolloutRequest(name, version, null, group, canaries, null);
    }

    public RolloutRequest withTimeout(Duration timeout) {
        return new RolloutRequest(name, version, gatewayId, group, canaries, timeout);
    }
}
