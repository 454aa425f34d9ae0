package io.weir.cloud.sign;

import java.util.Map;

/**
 * Signs a request to the county platform. Platforms differ (HMAC-SHA256 over a canonical string, sorted parameters
 * and MD5, ...), so the connector only asks for the headers to add. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RequestSigner {

    /**
     * @param method HTTP method, upper case
     * @param path   request path without query, e.g. {@code /api/v1/cases}
     * @param body   the exact bytes that will be sent (empty for GET)
     * @return headers to add to the request, in a stable order
     */
    Map<String, String> sign(String method, String path, byte[] body);
}
