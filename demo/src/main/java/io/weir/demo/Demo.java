package io.weir.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.weir.cloud.CloudAdapterStats;
import io.weir.simulator.cli.LogDefaults;
import io.weir.simulator.county.CountyCase;
import io.weir.simulator.scenario.Scenario;
import io.weir.simulator.scenario.ScenarioStep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The README's first command: the whole chain, a storm, and the cases it opens on the county platform. */
@Command(name = "weir-demo", mixinStandardHelpOptions = true,
        description = "Runs simulated field devices, the Weir gateway (its own process, from the exported jar), an "
                + "embedded MQTT broker, the cloud adapter on SQLite and the county-platform simulator, and replays "
                + "a flood scenario through them.")
public final class Demo implements Callable<Integer> {

    @Option(names = "--work-dir", defaultValue = "weir-demo", description = "Run directory, emptied at start (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--broker-port", defaultValue = "1883", description = "MQTT port (default: ${DEFAULT-VALUE})")
    int brokerPort;

    @Option(names = "--county-port", defaultValue = "8088", description = "County platform HTTP port (default: ${DEFAULT-VALUE})")
    int countyPort;

    @Option(names = "--modbus-port", defaultValue = "5020", description = "Field devices' Modbus TCP port (default: ${DEFAULT-VALUE})")
    int modbusPort;

    @Option(names = "--console-port", defaultValue = "8089",
            description = "The gateway's local console; 0 for any free port (default: ${DEFAULT-VALUE})")
    int consolePort;

    @Option(names = "--gateway-jar", defaultValue = "target-platform/target/weir-gateway.jar",
            description = "The exported gateway runtime (default: ${DEFAULT-VALUE})")
    Path gatewayJar;

    @Option(names = "--profiles", defaultValue = "device-profiles/profiles", description = "Device profiles (default: ${DEFAULT-VALUE})")
    Path profiles;

    @Option(names = "--scenario", defaultValue = "flood-storm", description = "Built-in scenario name or CSV file (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--speed", defaultValue = "600",
            description = "Replay speed: 600 plays 5 scenario minutes every 0.5 s (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--poll", defaultValue = "1s", description = "Gateway poll interval (default: ${DEFAULT-VALUE})")
    String poll;

    @Option(names = "--run-for", description = "Stop by itself after this many seconds (default: run until Ctrl-C)")
    Long runForSeconds;

    @Option(names = "--check", description = "Smoke test: stop as soon as the first case reaches the county platform "
            + "and exit 0; exit 1 if none arrives within --run-for seconds (180 unless given)")
    boolean check;

    private final CountDownLatch stop = new CountDownLatch(1);

    public static void main(String[] args) {
        // The console tells the demo's story: the libraries' start-up chatter and the broker's audit log (nine
        // lines in ten of the console before) stay out unless asked for with -D.
        LogDefaults.apply();
        LogDefaults.setIfAbsent("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        LogDefaults.setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        emptyWorkDir();
        Scenario replay = Scenario.named(scenario);
        var options = new Chain.Options(workDir, host, brokerPort, countyPort, modbusPort, consolePort, gatewayJar,
                profiles, poll, replay, speed);
        Chain chain = Chain.startCloudAndField(options);
        chain.reportCaseStatus();
        Thread shutdown = new Thread(() -> {
            say("stopping: gateway (clean death on its state topic), scenario, cloud adapter, simulators, broker");
            chain.close();
            stop.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        chain.startGateway(line -> System.out.println("gateway | " + line));
        banner(chain, replay);
        if (check && runForSeconds == null) {
            runForSeconds = 180L;
        }
        boolean caseOpened = watch(chain);
        if (runForSeconds != null) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            shutdown.run();
        }
        if (check) {
            say(caseOpened ? "check passed: the storm's alarm reached the county platform as a case"
                    : "check FAILED: no case on the county platform within " + runForSeconds + " s");
            return caseOpened ? 0 : 1;
        }
        return 0;
    }

    private void emptyWorkDir() throws Exception {
        if (Files.exists(workDir)) {
            try (Stream<Path> files = Files.walk(workDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void banner(Chain chain, Scenario replay) {
        Path work = workDir.toAbsolutePath();
        System.out.println("""

                ==================================================================================================
                 Weir demo: a storm at Yuxi River Station (warning level 3.50 m, guaranteed level 4.50 m)

                 field devices   Modbus TCP %1$s:%2$d  unit 1 radar level gauge, unit 2 tipping-bucket rain gauge
                                 scenario '%3$s' replayed at %4$sx
                                 SL 651 rain stations 0062001301, 0062001302 report the storm's rain to the
                                 gateway's SL 651 centre (timed and hourly reports, HEX encoding)
                                 the pump's DL/T 645 meter and a CJ/T 188 water meter behind a serial device server
                 gateway         its own JVM from %5$s (pid %6$d)
                                 site file %7$s
                                 store     %8$s/store.db   log %9$s
                 local console   %14$s  (token in console.token beside the site file)
                                 curl -H 'Authorization: Bearer %15$s' %14$sreadings
                 MQTT broker     %10$s   watch it: mosquitto_sub -h %1$s -p %11$d -t 'weir/v1/#' -v
                 cloud adapter   SQLite %12$s
                                 operations %16$s   user ops, token %17$s
                                 metrics %16$smetrics (same token), probes %16$shealthz, /readyz
                 county platform %13$s   <- open this page: the cases the storm opens appear there

                 Within about a minute the river passes BLUE 3.0 m: the alarm opens one case on the county
                 platform; YELLOW 3.5 m and ORANGE 4.0 m follow as escalations of the same alarm, and it
                 clears as the river recedes. Ctrl-C stops everything.
                ==================================================================================================
                """.formatted(host, chain.field().port(), replay.name(), fmt(speed), gatewayJar.toAbsolutePath(),
                chain.gateway().pid(), chain.layout().siteFile(), chain.layout().dataDir(), chain.layout().log(),
                chain.broker().url(), chain.broker().port(), chain.cloudDatabase(), chain.countyPage(),
                "http://" + host + ":" + (consolePort == 0 ? "<port in the gateway's log>" : consolePort) + "/api/",
                chain.consoleToken(), chain.cloud().httpUri(), chain.opsToken()));
    }

    /** Reports cases and progress until stopped; true once a case has reached the county platform. */
    private boolean watch(Chain chain) throws InterruptedException {
        Set<String> seen = new HashSet<>();
        Instant started = Instant.now();
        Instant nextStatus = started;
        while (!stop.await(1, TimeUnit.SECONDS)) {
            for (CountyCase c : chain.county().cases()) {
                if (seen.add(c.caseId())) {
                    say("CASE %s opened on the county platform: %s [class %s/%s, %s, %s]".formatted(c.caseId(),
                            c.title(), c.largeClass(), c.smallClass(), c.urgency(), c.department()));
                }
            }
            if (check && !seen.isEmpty()) {
                return true;
            }
            Instant now = Instant.now();
            if (!now.isBefore(nextStatus)) {
                status(chain);
                nextStatus = now.plusSeconds(10);
            }
            if (!chain.gateway().isAlive()) {
                say("the gateway process has exited; see " + chain.layout().log());
                return !seen.isEmpty();
            }
            if (runForSeconds != null && Duration.between(started, now).getSeconds() >= runForSeconds) {
                return !seen.isEmpty();
            }
        }
        return !seen.isEmpty();
    }

    private void status(Chain chain) {
        ScenarioStep step = chain.player().current();
        CloudAdapterStats s = chain.cloud().stats();
        say("scenario %s (hour %.1f): river %.2f m | cloud: %d messages, %d duplicates dropped | cases: %d opened, %d pending"
                .formatted(chain.player().finished() ? "finished" : "running", step.minute() / 60.0,
                        step.waterLevelM(), s.messagesIngested(), s.duplicatesDropped(), s.casesOpened(),
                        s.casesPending()));
    }

    private static void say(String line) {
        System.out.println("demo    | " + line);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
