package io.weir.uplink.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.weir.api.SiteInfo;
import io.weir.api.command.CommandHandler;

/**
 * A gateway's uplink in a JVM of its own, with a modbus-write that prints each run: what the command tests restart.
 * Arguments: the broker URL and the request log file. Runs until its standard input closes.
 */
public final class CommandTakingGateway {

    static final SiteInfo SITE = new SiteInfo("gw-cmd", "62001200", "Yuxi River Station", 30.27, 120.15);

    private CommandTakingGateway() {
    }

    public static void main(String[] args) throws Exception {
        var options = new UplinkOptions(args[0], "", new char[0], List.of(), 4, 100, 30, Duration.ofSeconds(1));
        var uplink = new MqttUplink(SITE, new FakeStore(), options, Map.of(), Clock.systemUTC(),
                new CommandOptions(4096, Duration.ofHours(1), Optional.of(Path.of(args[1]))));
        CommandHandler write = arguments -> {
            System.out.println("ran modbus-write " + arguments);
            System.out.flush();
            return "{\"result\":\"verified\"}";
        };
        uplink.addCommand(write, Map.of(CommandHandler.NAME, "modbus-write"));
        System.out.println("started");
        System.out.flush();
        try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // the parent closes our input to stop us
            }
        }
        uplink.stop();
    }
}
