package io.weir.uplink.internal;

import java.time.Duration;
import java.util.List;

/** The uplink's settings, checked once. */
record UplinkOptions(String brokerUrl, String username, char[] password, List<String> profiles, int maxInFlight, int maxRecordsPerMessage,
                     int keepAliveSeconds, Duration maxReconnectDelay) {

    static UplinkOptions of(UplinkConfig c) {
        String url = c.brokerUrl() == null ? "" : c.brokerUrl().trim();
        if (!url.startsWith("tcp://") && !url.startsWith("ssl://")) {
            throw new IllegalArgumentException("uplink brokerUrl '" + url + "' must start with tcp:// or ssl://");
        }
        return new UplinkOptions(url, c.username(), c._password().toCharArray(), List.of(c.profiles()), c.maxInFlight(),
                c.maxRecordsPerMessage(), c.keepAliveSeconds(), Duration.ofSeconds(c.maxReconnectDelaySeconds()));
    }

    @Override
    public String toString() {
        return "UplinkOptions[brokerUrl=" + brokerUrl + ", username=" + username + ", maxInFlight=" + maxInFlight
                + ", maxRecordsPerMessage=" + maxRecordsPerMessage + "]";
    }
}
