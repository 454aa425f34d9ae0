package io.weir.site.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway reaches its MQTT broker.
 *
 * @param brokerUrl {@code tcp://host[:port]} or {@code ssl://host[:port]}
 * @param username  user name, when the broker asks for one
 * @param password  password; never logged, never shown
 */
public record Uplink(String brokerUrl, Optional<String> username, Optional<String> password) {

    public Uplink {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** The generated toString would print the password into any log line that prints this record. */
    @Override
    public String toString() {
        return "Uplink[brokerUrl=" + brokerUrl + ", username=" + username.orElse("") + ", password="
                + (password.isPresent() ? "***" : "") + "]";
    }
}
