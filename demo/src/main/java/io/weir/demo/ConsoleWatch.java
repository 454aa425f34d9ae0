package io.weir.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a gateway's log for the port its local console took once the site file's {@code console} section is in
 * force (before that a console runs on its defaults, and moves when the section arrives).
 */
public final class ConsoleWatch implements Consumer<String> {

    private static final Pattern CONSOLE = Pattern.compile(
            "console settings of the site file in force: station page http://127\\.0\\.0\\.1:(\\d+)/");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int port;

    @Override
    public void accept(String line) {
        Matcher m = CONSOLE.matcher(line);
        if (m.find()) {
            port = Integer.parseInt(m.group(1));
        }
    }

    /** The port of the console the site file set; 0 before it is in force. */
    public int port() {
        return port;
    }

    /** Whether the console the site file set answers {@code token} with a reading of {@code device}. */
    public boolean serving(String token, String device) {
        int now = port;
        if (now == 0) {
            return false;
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + now + "/api/readings")).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("\"device\":\"" + device + "\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
