package io.weir.bench.modbus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import io.weir.api.Quality;
import io.weir.api.profile.DeviceProfile;
import io.weir.modbus.internal.ModbusBenchAccess;
import io.weir.modbus.internal.ModbusBenchAccess.BenchDevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Modbus RTU at 9600 baud on a socat pty pair: the time Weir takes to poll every device on the bus once, against
 * the wire-time lower bound of the same frames (every request and response at 11 bits a character, plus a
 * 3.5-character silence before each). The slave ({@link PacedRtuSlave}) keeps wire time; see there for what is and
 * is not modelled.
 */
@Command(name = "modbus-rtu-wire-time", mixinStandardHelpOptions = true)
public final class RtuWireTimeBenchmark implements Callable<Integer> {

    @Option(names = "--cycles", defaultValue = "20")
    int cycles;

    @Option(names = "--baud", defaultValue = "9600")
    int baud;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RtuWireTimeBenchmark()).execute(args));
    }

    /** Polls until one whole cycle reads every channel, so the port is open and no backoff is pending. */
    static void warmUp(List<BenchDevice> devices) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            boolean allGood = true;
            for (BenchDevice d : devices) {
                allGood &= d.poll().stream().allMatch(r -> r.quality() == Quality.GOOD);
            }
            if (allGood) {
                return;
            }
            Thread.sleep(1100); // past the link's first reconnect backoff
        }
        throw new IllegalStateException("the bus did not read cleanly in 10 warm-up cycles");
    }

    @Override
    public Integer call() throws Exception {
        // a serial bus as sites have them: an energy meter, a flow meter, an I/O module and two level gauges
        List<DeviceProfile> bus = List.of(BenchSite.energyMeter(0), BenchSite.flowMeter(0), BenchSite.ioModule(0),
                BenchSite.levelGauge(0), BenchSite.levelGauge(1));
        Path dir = Files.createTempDirectory("weir-rtu-bench");
        try (var line = new VirtualSerialPair(dir);
             var slave = new PacedRtuSlave(line.deviceEnd, baud, Set.of(1, 2, 3, 4, 5), Set.of());
             var link = ModbusBenchAccess.serialBus(line.gatewayEnd.toString(), baud)) {
            var devices = new ArrayList<BenchDevice>();
            for (int i = 0; i < bus.size(); i++) {
                devices.add(ModbusBenchAccess.onBus(link, "rtu-" + i, i + 1, bus.get(i)));
            }
            int transactions = 0;
            double characters = 0;
            for (BenchDevice d : devices) {
                for (int[] block : d.plan()) {
                    transactions++;
                    characters += 8 + PacedRtuSlave.responseBytes(block[0], block[2]) + 2 * 3.5;
                }
            }
            double boundMs = slave.nanosFor(characters) / 1e6;
            warmUp(devices);
            long[] cycleNanos = new long[cycles];
            long good = 0;
            for (int c = 0; c < cycles; c++) {
                long start = System.nanoTime();
                for (BenchDevice d : devices) {
                    good += d.poll().stream().filter(r -> r.quality() == Quality.GOOD).count();
                }
                cycleNanos[c] = System.nanoTime() - start;
            }
            double medianMs = TransactionsBenchmark.median(cycleNanos) / 1e6;
            int channels = BenchSite.channels(bus);
            System.out.printf(Locale.ROOT, "bus: %d devices, %d channels, %d transactions a cycle, %.0f characters"
                    + " on the wire (gaps included) at %d baud%n", bus.size(), channels, transactions,
                    characters, baud);
            System.out.printf(Locale.ROOT, "poll cycle: median %.1f ms (min %.1f, max %.1f over %d cycles);"
                    + " wire-time lower bound %.1f ms; ratio %.3f; good values %d/%d%n", medianMs,
                    java.util.Arrays.stream(cycleNanos).min().orElseThrow() / 1e6,
                    java.util.Arrays.stream(cycleNanos).max().orElseThrow() / 1e6, cycles, boundMs,
                    medianMs / boundMs, good, (long) channels * cycles);
            for (BenchDevice d : devices) {
                d.close();
            }
        }
        return 0;
    }
}
