package io.weir.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * How deployment jobs are driven.
 *
 * @param pollInterval   how often jobs are checked for sending, time-outs and rollout progress (gateway reports
 *                       also wake the check at once)
 * @param jobTimeout     how long a gateway may stay silent (no DEPLOY_* report) before its job is TIMED_OUT; a
 *                       rollout may set its own
 * @param resendInterval how often the install command is sent again while the gateway has not reported at all
 *                       (the same job id: harmless on the gateway, and it reaches one that was offline)
 */
public record DeployOptions(Duration pollInterval, Duration jobTimeout, Duration resendInterval) {

    public DeployOptions {
        for (var d : new Duration[] {pollInterval, jobTimeout, resendInterval}) {
            Objects.requireNonNull(d, "deploy option");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("deploy intervals must be positive, was " + d);
            }
        }
    }

    public static DeployOptions defaults() {
        return new DeployOptions(Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(1));
    }
}
