package io.weir.site.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks an MQTT broker URL the way the uplink's client will read it: {@code tcp://host[:port]} or ssl://. */
final class BrokerUrl {

    private BrokerUrl() {
    }

    /**
     * Messages never repeat the URL: a technician may have put a password into it.
     *
     * @throws IllegalArgumentException when the URL is not one the uplink can connect to
     */
    static String check(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL such as tcp://broker.example:1883");
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw new IllegalArgumentException("must start with tcp:// or ssl://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "must not carry credentials: put them in uplink.username and uplink.passwordFile");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("names no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("port is outside 1..65535");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be only scheme://host[:port], without a path");
        }
        return text;
    }
}
