package io.weir.simulator.cli;

import java.util.concurrent.Callable;

import io.weir.simulator.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code broker}: an MQTT broker for the gateway (MQTT 3.1.1) and the cloud adapter (MQTT 5). */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run an MQTT broker (3.1.1 and 5, anonymous, in memory).")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "1883", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    PortFileOption portFile = new PortFileOption();

    /** Starts the broker and reports its port; the caller owns it. */
    public EmbeddedBroker start() {
        EmbeddedBroker broker = EmbeddedBroker.start(host, port);
        portFile.report(broker.port());
        return broker;
    }

    @Override
    public Integer call() {
        return UntilShutdown.run("MQTT broker", start());
    }
}
