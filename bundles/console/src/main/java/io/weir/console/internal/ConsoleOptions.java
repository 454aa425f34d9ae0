package io.weir.console.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The console's settings, checked.
 *
 * @param tokenFile    the file of the tokens that may use the console
 * @param allowedHosts further host names the console answers to, lower case
 * @param retry        how long to wait before binding again when the port is taken
 */
record ConsoleOptions(String host, int port, Path tokenFile, List<String> allowedHosts, Duration retry) {

    /** Where the gateway's installer writes the console token unless configured: beside the site file. */
    static final String TOKEN_FILE = "console.token";

    ConsoleOptions {
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .toList();
    }

    /** @param siteFile the site file the framework property weir.site.file names (default conf/site.yaml) */
    static ConsoleOptions of(LocalConsoleConfig config, String siteFile) {
        Path site = Path.of(siteFile == null || siteFile.isBlank() ? "conf/site.yaml" : siteFile.trim());
        Path tokens = config.tokenFile().isBlank() ? site.toAbsolutePath().resolveSibling(TOKEN_FILE)
                : Path.of(config.tokenFile().trim());
        return new ConsoleOptions(config.host().strip(), config.port(), tokens, List.of(config.allowedHosts()),
                Duration.ofSeconds(config.retrySeconds()));
    }

    /** The same options on another port (the framework property's, when no configuration names one). */
    ConsoleOptions withPort(int other) {
        return new ConsoleOptions(host, other, tokenFile, allowedHosts, retry);
    }
}
