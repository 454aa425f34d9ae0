package io.weir.console.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a request must show before the console does anything for it, checked in this order:
 * <ol>
 * <li>a Host the console is known by (its addresses, localhost, the configured names): a web page that rebinds its
 * own domain to the gateway's address (DNS rebinding) is refused;</li>
 * <li>a token from the token file ({@code Authorization: Bearer}); there is no built-in one;</li>
 * <li>for a request that changes something (anything but GET and HEAD): {@code Content-Type: application/json},
 * which no page can send to another site without the browser asking first (and the console never says yes), and no
 * Origin other than the console's own.</li>
 * </ol>
 */
final class RequestGuard {

    /** A request's verdict: who asked, or the status and reason of the refusal. */
    record Verdict(String who, int status, String refusal) {

        static Verdict allowed(String who) {
            return new Verdict(who, 200, null);
        }

        static Verdict refused(int status, String why) {
            return new Verdict(null, status, why);
        }

        boolean ok() {
            return refusal == null;
        }
    }

    private final Credentials credentials;
    private final Set<String> hosts;

    /** @param hosts the host names and address literals (IPv6 without brackets) the console answers to */
    RequestGuard(Credentials credentials, Set<String> hosts) {
        this.credentials = credentials;
        this.hosts = Set.copyOf(hosts);
    }

    /** The names a console bound to {@code bound} is known by: the address, or every local one for a wildcard. */
    static Set<String> hostsFor(InetAddress bound, List<String> allowed) {
        Set<String> names = new HashSet<>(List.of("localhost", "127.0.0.1",
                literal(InetAddress.getLoopbackAddress()), "0:0:0:0:0:0:0:1"));
        names.addAll(allowed);
        if (bound.isAnyLocalAddress()) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    Collections.list(nic.getInetAddresses()).forEach(a -> names.add(literal(a)));
                }
            } catch (SocketException e) {
                // the configured names and localhost still work
            }
        } else {
            names.add(literal(bound));
        }
        return names;
    }

    /**
     * @param headers the request's header by name (first value, any case), null when absent
     */
    Verdict check(String method, UnaryOperator<String> headers) {
        String host = hostName(headers.apply("Host"));
        if (host == null || !hosts.contains(host)) {
            return Verdict.refused(403, "this console is not reached by the Host " + printable(headers.apply("Host")));
        }
        var problem = credentials.problem();
        if (problem.isPresent()) {
            return Verdict.refused(401, problem.get());
        }
        var who = credentials.who(headers.apply("Authorization"));
        if (who.isEmpty()) {
            return Verdict.refused(401, "missing or wrong bearer token");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String contentType = headers.apply("Content-Type");
            if (contentType == null || !contentType.split(";")[0].strip().equalsIgnoreCase("application/json")) {
                return Verdict.refused(415, "a request that changes something must be sent as application/json");
            }
            String origin = headers.apply("Origin");
            if (origin != null && !origin.equalsIgnoreCase("http://" + headers.apply("Host"))) {
                return Verdict.refused(403, "cross-origin request refused (Origin " + printable(origin) + ")");
            }
            String site = headers.apply("Sec-Fetch-Site");
            if (site != null && !site.equals("same-origin") && !site.equals("none")) {
                return Verdict.refused(403, "cross-site request refused");
            }
        }
        return Verdict.allowed(who.get());
    }

    /** The host part of a Host header, lower case, IPv6 without brackets; null when there is none. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return null;
            }
            try {
                // one spelling for each IPv6 address: [::1] and the interfaces' 0:0:0:0:0:0:0:1 are the same host
                return literal(InetAddress.getByName(h.substring(0, end + 1)));
            } catch (java.net.UnknownHostException e) {
                return null; // not an address literal; getByName never looks a bracketed literal up
            }
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        return (zone < 0 ? text : text.substring(0, zone)).toLowerCase(Locale.ROOT);
    }

    /** Headers come from anyone: short, and without control characters, before they go into a message or log. */
    static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
