package io.weir.meterbus.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.weir.simulator.meters.Dlt645Meter;
import io.weir.simulator.meters.MeterLine;

/**
 * DL/T 645 poll cycle on a 2400-baud line: 10 meters x 8 data identifiers, read by the bundle's real poller through
 * jSerialComm on one end of a socat pty pair. A pty does not throttle to the baud rate, so the simulator's meter line
 * at the far end keeps wire time: before answering it waits as long as the request (with its 4 FE wake-up bytes)
 * and the answer take at 11 bits a character. The bound: every request and answer character at 11 bits / 2400
 * baud, nothing else.
 *
 * <pre>java -cp benchmarks/target/weir-benchmarks.jar io.weir.meterbus.internal.Dlt645CycleBenchmark --cycles 5</pre>
 */
public final class Dlt645CycleBenchmark {

    private static final int METERS = 10;
    private static final int BAUD = 2400;
    /** Eight identifiers: energy total, three voltages, three currents, total power; their value bytes. */
    private static final String[] IDS = {"00010000", "02010100", "02010200", "02010300", "02020100", "02020200",
        "02020300", "02030000"};
    private static final int[] BYTES = {4, 2, 2, 2, 3, 3, 3, 3};
    private static final int[] DECIMALS = {2, 1, 1, 1, 3, 3, 3, 4};

    public static void main(String[] args) throws Exception {
        int cycles = args.length >= 2 && args[0].equals("--cycles") ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("weir-dlt645-bench");
        Path gatewayEnd = dir.resolve("ttyGateway");
        Path meterEnd = dir.resolve("ttyMeters");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + gatewayEnd, "pty,raw,echo=0,link="
                + meterEnd).redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !(Files.exists(gatewayEnd) && Files.exists(meterEnd)); i++) {
                Thread.sleep(50); // waiting for socat's ptys in a harness, not in a test
            }
            var line = new MeterLine(BAUD);
            var points = new ArrayList<MeterPoint>();
            for (int k = 0; k < IDS.length; k++) {
                points.add(new MeterPoint("p" + k, IDS[k], null, "NUMBER", BYTES[k], DECIMALS[k], k >= 4, ""));
            }
            var profile = new MeterProfile("bench", "DLT645", 0, points);
            var settings = new LineSettings(gatewayEnd.toString(), BAUD, 8, "even", 1);
            var pollers = new ArrayList<MeterPoller>();
            MeterOptions first = null;
            for (int m = 0; m < METERS; m++) {
                String address = String.format(Locale.ROOT, "%012d", 100 + m);
                var meter = new Dlt645Meter(address);
                for (int k = 0; k < IDS.length; k++) {
                    meter.set(Integer.parseUnsignedInt(IDS[k], 16), 12.5 + m, BYTES[k], DECIMALS[k], k >= 4);
                }
                line.add(meter);
                var options = new MeterOptions("meter-" + m, "62001400", MeterOptions.Protocol.DLT645, address, 0, "",
                        0, settings, Duration.ofSeconds(1), 2000, 4);
                first = first == null ? options : first;
                pollers.add(new MeterPoller(options, profile, Clock.systemUTC()));
            }
            Thread meters = new Thread(() -> {
                try (var in = new FileInputStream(meterEnd.toFile()); var out = new FileOutputStream(meterEnd.toFile())) {
                    line.serve(in, out);
                } catch (IOException e) {
                    // the pty closed
                }
            }, "meter-line");
            meters.setDaemon(true);
            meters.start();

            double boundMs = 0;
            for (int k = 0; k < IDS.length; k++) {
                int request = 4 + 12 + 4;             // FE x4, frame of 4 data bytes
                int answer = 12 + 4 + BYTES[k];       // frame of identifier + value
                boundMs += METERS * (request + answer) * 11.0 * 1000 / BAUD;
            }
            var lines = new Lines();
            Line shared = lines.of(first);
            double[] cycleMs = new double[cycles];
            int bad = 0;
            for (int c = 0; c < cycles; c++) {
                long start = System.nanoTime();
                for (MeterPoller poller : pollers) {
                    MeterPoller.Result r = shared.call(() -> poller.poll(shared.link()), 120_000);
                    bad += (int) r.readings().stream().filter(x -> x.value() == null).count();
                }
                cycleMs[c] = (System.nanoTime() - start) / 1e6;
            }
            lines.closeAll();
            double[] sorted = cycleMs.clone();
            Arrays.sort(sorted);
            double median = sorted[cycles / 2];
            System.out.printf(Locale.ROOT, "DL/T 645 at %d baud, 8E1: %d meters x %d identifiers = %d transactions a"
                    + " cycle%ncycles (ms): %s%nmedian cycle %.1f ms; wire-time bound %.1f ms; ratio %.3f; values"
                    + " missing %d%n", BAUD, METERS, IDS.length, METERS * IDS.length, fmt(cycleMs), median, boundMs,
                    median / boundMs, bad);
        } finally {
            socat.destroy();
            socat.waitFor();
        }
    }

    private static String fmt(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(String.format(Locale.ROOT, "%.1f", v));
        }
        return String.join(", ", out);
    }
}
