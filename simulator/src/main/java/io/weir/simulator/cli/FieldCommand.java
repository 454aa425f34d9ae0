package io.weir.simulator.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.weir.simulator.field.FieldDeviceServer;
import io.weir.simulator.scenario.Scenario;
import io.weir.simulator.scenario.ScenarioPlayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code field}: the river station's Modbus devices, replaying a scenario. */
@Command(name = "field", mixinStandardHelpOptions = true,
        description = "Run the field devices on Modbus TCP (unit 1 radar level gauge, unit 2 rain gauge), "
                + "replaying a scenario onto them.")
public final class FieldCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "5020", description = "Modbus TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--scenario", defaultValue = "flood-storm",
            description = "Built-in scenario name or path to a CSV file minute,water_level_m,rain_mm "
                    + "(default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--speed", defaultValue = "600",
            description = "How many times faster than real time to replay; 600 plays a 5-minute step every 0.5 s "
                    + "(default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin
    PortFileOption portFile = new PortFileOption();

    /**
     * Loads the scenario, starts the devices and the replay, and reports the devices' port; closing the result
     * stops both.
     */
    public FieldStation start() {
        Scenario loaded = Scenario.named(scenario);
        FieldDeviceServer devices = FieldDeviceServer.start(host, port);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scenario-player");
            thread.setDaemon(true);
            return thread;
        });
        ScenarioPlayer player;
        try {
            player = new ScenarioPlayer(loaded, devices, scheduler, speed);
            player.start();
            portFile.report(devices.port());
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            devices.close();
            throw e;
        }
        return new FieldStation(devices, player, scheduler);
    }

    @Override
    public Integer call() {
        return UntilShutdown.run("field devices", start());
    }

    /** What {@link #start()} runs, closed in reverse order of starting. */
    public record FieldStation(FieldDeviceServer devices, ScenarioPlayer player, ScheduledExecutorService scheduler)
            implements AutoCloseable {
        @Override
        public void close() {
            player.close();
            scheduler.shutdownNow();
            devices.close();
        }
    }
}
