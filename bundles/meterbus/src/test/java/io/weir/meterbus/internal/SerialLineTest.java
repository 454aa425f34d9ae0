package io.weir.meterbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.simulator.meters.Cjt188HeatMeter;
import io.weir.simulator.meters.Cjt188Meter;
import io.weir.simulator.meters.Dlt645Meter;
import io.weir.simulator.meters.MeterLine;

/**
 * Both protocols (a water and a heat meter for CJ/T 188) on the gateway's own serial port (jSerialComm, 2400 8E1)
 * over a socat pty pair, the simulator's meters at the far end. Without socat the test is skipped, unless
 * {@code -Dweir.serial=required} (the CI step).
 */
class SerialLineTest {

    private static final Path SOCAT = Path.of("/usr/bin/socat");

    @TempDir
    Path dir;

    @Test
    void metersOfBothProtocolsAnswerOnOneSerialLine() throws Exception {
        if (!Files.isExecutable(SOCAT)) {
            String message = "socat is not installed (apt-get install socat): no virtual serial line";
            if ("required".equals(System.getProperty("weir.serial"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        Path gatewayEnd = dir.resolve("ttyGateway");
        Path meterEnd = dir.resolve("ttyMeters");
        Process socat = new ProcessBuilder(SOCAT.toString(), "pty,raw,echo=0,link=" + gatewayEnd,
                "pty,raw,echo=0,link=" + meterEnd).redirectErrorStream(true).start();
        Thread meters = null;
        Lines lines = new Lines();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(gatewayEnd) && Files.exists(meterEnd));
            var line = new MeterLine(0).add(new Dlt645Meter("000102030425").set(0x00010000, 88.5, 4, 2, false))
                    .add(new Cjt188Meter(0x10, "78330011223344").set(12.5, 10, true, false))
                    .add(new Cjt188HeatMeter(0x20, "20240001000001").heat(1.5, 2.25, 0x11).power(0.5, 0x1A)
                            .flow(1.25, 0x35, 300, 0x29).temperatures(45, 40.5).workingHours(12).status(false, false));
            meters = new Thread(() -> {
                try (var in = new FileInputStream(meterEnd.toFile()); var out = new FileOutputStream(meterEnd.toFile())) {
                    line.serve(in, out);
                } catch (IOException e) {
                    // the pty went away at the end of the test
                }
            }, "simulated-meters");
            meters.setDaemon(true);
            meters.start();

            var settings = new LineSettings(gatewayEnd.toString(), 2400, 8, "even", 1);
            var e = new MeterOptions("meter-1", "62001200", MeterOptions.Protocol.DLT645, "000102030425", 0, "", 0,
                    settings, Duration.ofSeconds(1), 2000, 4);
            var w = new MeterOptions("water-1", "62001200", MeterOptions.Protocol.CJT188, "78330011223344", 0x10, "",
                    0, settings, Duration.ofSeconds(1), 2000, 4);
            Line shared = lines.of(e);
            assertThat(lines.of(w)).isSameAs(shared);
            MeterPoller.Result er = shared.call(() -> new MeterPoller(e, Profiles.ELECTRICITY, Clock.systemUTC())
                    .poll(shared.link()), 60_000);
            assertThat(er.readings().get(0).value()).isEqualTo(88.5);
            MeterPoller.Result wr = shared.call(() -> new MeterPoller(w, Profiles.WATER, Clock.systemUTC())
                    .poll(shared.link()), 60_000);
            assertThat(wr.readings()).extracting(r -> r.value()).containsExactly(12.5, 10.0, true, false);
            var h = new MeterOptions("heat-1", "62001200", MeterOptions.Protocol.CJT188, "20240001000001", 0x20, "",
                    0, settings, Duration.ofSeconds(1), 2000, 4);
            MeterPoller.Result hr = shared.call(() -> new MeterPoller(h, Profiles.HEAT, Clock.systemUTC())
                    .poll(lines.of(h).link()), 60_000);
            // 1.5 GJ and 2.25 GJ in kWh, 0.5 MW, 1.25 m3/h, 300 L
            assertThat(hr.readings()).extracting(r -> r.value()).containsExactly(416.6666666666667, 625.0, 500.0,
                    1.25, 0.3, 45.0, 40.5, 12.0, false, false);
        } finally {
            lines.closeAll();
            socat.destroy();
            socat.waitFor();
        }
    }
}
