package io.weir.cloud.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit: a declared Content-Length over it is refused before a byte is read, and an
 * undeclared (chunked) body is read no further than one byte past it. Nothing unauthenticated can make the adapter
 * hold more than the limit.
 */
final class BoundedBody {

    /** The body is over the limit; answer 413. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private BoundedBody() {
    }

    static byte[] read(HttpExchange exchange, int limit) throws IOException, TooLarge {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new TooLarge("Content-Length '" + declared + "' is not a number");
            }
            if (length > limit) {
                throw new TooLarge("body of " + length + " bytes is over the limit of " + limit + " bytes");
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new TooLarge("body is over the limit of " + limit + " bytes");
        }
        return body;
    }
}
