package io.weir.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/**
 * Downloads a file over HTTPS into a partial file, continuing a partial file left by an earlier attempt with an HTTP
 * Range request, never past a size limit. A server that ignores the range (200 instead of 206) sends the whole file
 * again, which then replaces the partial one.
 * <p>
 * The TLS context and the HTTP client (its classes, its selector thread) are made at the first download, not when
 * the agent starts: most gateways download a package rarely, and their start-up should not wait for JSSE.
 */
final class Downloader {

    /** Told how far a download is; {@code total} is -1 while unknown. */
    interface Progress {
        void bytes(long done, long total);
    }

    /** Makes the TLS context of the downloads, at the first one. */
    interface Tls {
        SSLContext context() throws IOException, GeneralSecurityException;
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Tls tls;
    private final Duration stallTimeout;
    private final long maxBytes;
    private HttpClient client; // guarded by this; made at the first download
    private volatile InputStream active;

    /**
     * @param ssl      trusts the package servers' CAs only
     * @param maxBytes the largest file; a larger one is refused from its announced length, or cut off on the way
     */
    Downloader(SSLContext ssl, Duration timeout, long maxBytes) {
        this(() -> ssl, timeout, maxBytes);
    }

    /**
     * @param tls      makes a context that trusts the package servers' CAs only; asked again at the next download
     *                 when it fails
     * @param maxBytes the largest file; a larger one is refused from its announced length, or cut off on the way
     */
    Downloader(Tls tls, Duration timeout, long maxBytes) {
        this.tls = tls;
        this.stallTimeout = timeout;
        this.maxBytes = maxBytes;
    }

    private synchronized HttpClient client() throws IOException {
        if (client == null) {
            SSLContext ssl;
            try {
                ssl = tls.context();
            } catch (GeneralSecurityException e) {
                throw new IOException("no TLS context for downloads: " + e.getMessage(), e);
            }
            client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(stallTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    /**
     * Downloads {@code url} into {@code partial}, continuing it if it exists.
     *
     * @return the file's size
     * @throws IOException saying what went wrong, e.g. the HTTP status
     */
    long download(URI url, Path partial, Progress progress) throws IOException, InterruptedException {
        Files.createDirectories(partial.getParent());
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(stallTimeout).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            active = body;
            int status = response.statusCode();
            long total;
            boolean append;
            if (status == 206 && have > 0) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                Matcher m = CONTENT_RANGE.matcher(range);
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    throw new IOException("server answered range bytes=" + have + "- with Content-Range '" + range
                            + "'");
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                append = true;
            } else if (status == 200) {
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                total = length.isPresent() ? length.getAsLong() : -1;
                have = 0;
                append = false;
            } else if (status == 416 && have > 0) {
                // the partial file is as long as the file or longer: start over
                Files.delete(partial);
                return download(url, partial, progress);
            } else {
                throw new IOException("HTTP " + status + " from " + url.getHost());
            }
            if (total > maxBytes) {
                throw new IOException(url.getHost() + " announces " + total + " bytes, more than the limit of "
                        + maxBytes);
            }
            long done = have;
            progress.bytes(done, total);
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("download of " + url + " stopped");
                    }
                    done += n;
                    if (done > maxBytes) {
                        throw new IOException(url.getHost() + " sent more than the limit of " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                    progress.bytes(done, total);
                }
            }
            if (total >= 0 && done != total) {
                throw new IOException("download ended after " + done + " of " + total + " bytes");
            }
            return done;
        } finally {
            active = null;
        }
    }

    /** Stops a download in progress (the agent is stopping); the partial file stays for the next attempt. */
    void abort() {
        InputStream body = active;
        if (body != null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }
}
