package io.weir.simulator.cli;

import java.util.concurrent.Callable;

import io.weir.simulator.county.CountyPlatformSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code county}: the county case platform the cloud adapter opens cases on. */
@Command(name = "county", mixinStandardHelpOptions = true,
        description = "Run the county case platform: signed JSON API at /api/v1/cases, case list page at /.")
public final class CountyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8088", description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--app-key", defaultValue = "${env:WEIR_COUNTY_APP_KEY}",
            description = "Application key clients sign with (or env WEIR_COUNTY_APP_KEY).")
    String appKey;

    // Also from the environment, so the secret need not show in the process list.
    @Option(names = "--app-secret", defaultValue = "${env:WEIR_COUNTY_APP_SECRET}",
            description = "Application secret clients sign with (or env WEIR_COUNTY_APP_SECRET).")
    String appSecret;

    @Mixin
    PortFileOption portFile = new PortFileOption();

    /** Starts the platform and reports its port; the caller owns it. */
    public CountyPlatformSimulator start() {
        if (appKey == null || appKey.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--app-key (or WEIR_COUNTY_APP_KEY) is required");
        }
        if (appSecret == null || appSecret.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--app-secret (or WEIR_COUNTY_APP_SECRET) is required");
        }
        CountyPlatformSimulator platform = CountyPlatformSimulator.start(host, port, appKey, appSecret);
        portFile.report(platform.baseUri().getPort());
        return platform;
    }

    @Override
    public Integer call() {
        return UntilShutdown.run("county case platform", start());
    }
}
