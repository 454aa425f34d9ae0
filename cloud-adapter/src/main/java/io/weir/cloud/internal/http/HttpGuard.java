package io.weir.cloud.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.weir.cloud.OpsAccess;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * What every operations request must show before the adapter reads its body: a Host it answers to (no DNS
 * rebinding), an operator's token (Bearer, or Basic with the operator's name and token, as a browser sends it) and,
 * for a request that changes something, no foreign Origin, Referer or Sec-Fetch-Site and a content type a cross-site
 * form cannot send (so a browser would have to ask first, and it is never told yes).
 */
final class HttpGuard {
    static final String REALM = "Basic realm=\"Weir operations\", charset=\"UTF-8\"";

    /** The operator who asked, or why the request is refused. */
    record Verdict(String operator, int status, String error, String detail) {
        boolean allowed() {
            return operator != null;
        }

        static Verdict refuse(int status, String error, String detail) {
            return new Verdict(null, status, error, detail);
        }
    }

    private final OpsAccess access;
    private final Set<String> hosts;

    /** @param hosts the host names and addresses (lower case, IPv6 without brackets) requests may name */
    HttpGuard(OpsAccess access, Set<String> hosts) {
        this.access = access;
        this.hosts = Set.copyOf(hosts);
    }

    /**
     * @param changes      whether the request changes something (anything but GET and HEAD)
     * @param contentTypes media types a changing request may carry
     */
    Verdict check(HttpExchange exchange, boolean changes, Set<String> contentTypes) {
        Headers headers = exchange.getRequestHeaders();
        String host = headers.getFirst("Host");
        Verdict known = checkHost(exchange);
        if (!known.allowed()) {
            return known;
        }
        String operator = operator(headers.getFirst("Authorization"));
        if (operator == null) {
            return Verdict.refuse(401, "unauthorized", "give an operator's token: 'Authorization: Bearer <token>'");
        }
        if (changes) {
            String foreign = foreignSource(headers, host);
            if (foreign != null) {
                return Verdict.refuse(403, "cross-origin", foreign);
            }
            String type = headers.getFirst("Content-Type");
            String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!contentTypes.contains(media)) {
                return Verdict.refuse(415, "unsupported-media-type", "a request that changes something must be "
                        + String.join(" or ", contentTypes.stream().sorted().toList()) + ", was '" + type + "'");
            }
        }
        return new Verdict(operator, 200, null, null);
    }

    /**
     * The Host check alone, for what answers without a token (the health probes): a page that rebinds a name to
     * this adapter still learns nothing from it. The verdict's operator is {@code "anyone"}.
     */
    Verdict checkHost(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(hostName(host))) {
            return Verdict.refuse(421, "unknown-host", "this adapter does not answer to Host '" + host
                    + "'; add it with --http-allowed-host");
        }
        return new Verdict("anyone", 200, null, null);
    }

    private String operator(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return access.operator(authorization.substring(7).strip());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String operator = access.operator(pair.substring(colon + 1));
            return operator != null && operator.equals(pair.substring(0, colon)) ? operator : null;
        }
        return null;
    }

    /** Why the request looks sent from another site, or null. */
    private static String foreignSource(Headers headers, String host) {
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "the browser says this request comes from another site (Sec-Fetch-Site: " + site + ")";
        }
        String origin = headers.getFirst("Origin");
        if (origin != null) {
            return sameOrigin(origin, host) ? null : "Origin " + origin + " is not this adapter (" + host + ")";
        }
        String referer = headers.getFirst("Referer");
        if (referer != null && !sameOrigin(referer, host)) {
            return "Referer " + referer + " is not this adapter (" + host + ")";
        }
        return null;
    }

    /** Whether the URL's host and port are the Host header's (a Host without port means the scheme's default). */
    private static boolean sameOrigin(String url, String host) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            String name = hostName(host);
            int hostPort = hostPort(host, port);
            return uri.getHost().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT).equals(name)
                    && port == hostPort;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The name in a Host header, lower case, an IPv6 literal without brackets. */
    static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static int hostPort(String host, int otherwise) {
        String h = host.strip();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || h.lastIndexOf(']') > colon) {
            return otherwise;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
