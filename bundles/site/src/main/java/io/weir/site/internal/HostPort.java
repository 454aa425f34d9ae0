package io.weir.site.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Modbus TCP endpoint written {@code host}, {@code host:port} or {@code [ipv6]:port}.
 *
 * @param host host name or IP address, without brackets
 * @param port TCP port
 */
record HostPort(String host, int port) {

    /** The registered Modbus TCP port, used when the address names none. */
    static final int MODBUS_TCP_PORT = 502;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(.*))?");

    /**
     * @throws IllegalArgumentException with a message fit for a technician when the text is not host[:port]
     */
    static HostPort parse(String text) {
        String host;
        String port;
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
        } else {
            int colon = text.indexOf(':');
            if (colon != text.lastIndexOf(':')) {
                throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, e.g. [::1]:502");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
            if (!NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + text + "' does not start with a host name or IP address");
            }
        }
        return new HostPort(host, port == null ? MODBUS_TCP_PORT : port(text, port));
    }

    private static int port(String text, String port) {
        if (port.matches("[0-9]{1,5}")) {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        }
        throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number in 1..65535");
    }
}
