package io.weir.ops;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where the adapter is and who is asking: options every command that talks to the adapter takes. */
final class AdapterOptions {

    @Option(names = "--adapter", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:WEIR_ADAPTER_URL:-http://127.0.0.1:8090/}",
            description = "The cloud adapter's HTTP address (default: WEIR_ADAPTER_URL or ${DEFAULT-VALUE}).")
    URI adapter;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "An operator's token. Prefer " + Token.ENV + " or --token-file: a command line is seen by "
                    + "other users of the machine.")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File holding the token, readable by you only (default: ~/.config/weir/ops-token).")
    Path tokenFile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the adapter's JSON answer as it is.")
    boolean json;

    AdapterClient client() {
        return new AdapterClient(adapter, Token.resolve(token, System.getenv(Token.ENV), tokenFile));
    }
}
