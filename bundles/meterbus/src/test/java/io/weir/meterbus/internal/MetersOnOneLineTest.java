package io.weir.meterbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.simulator.meters.Cjt188Meter;
import io.weir.simulator.meters.Dlt645Meter;
import io.weir.simulator.meters.MeterLine;
import io.weir.simulator.meters.MeterLineServer;

/**
 * An electricity meter (DL/T 645) and a water meter (CJ/T 188) on one RS-485 line behind a serial device server
 * (the simulator's, written from the standards apart from this bundle), read through one shared link.
 */
class MetersOnOneLineTest {

    private final Dlt645Meter electricity = new Dlt645Meter("000102030425")
            .set(0x00010000, 1206.42, 4, 2, false)
            .set(0x02010100, 229.8, 2, 1, false)
            .set(0x02020100, -1.25, 3, 3, true)
            .set(0x02030000, 0.2873, 3, 4, true)
            .set(0x02060000, 0.985, 2, 3, true);
    private final Cjt188Meter water = new Cjt188Meter(0x10, "78330011223344").set(1234.56, 1200.0, false, true);
    private final MeterLineServer server = MeterLineServer.start("127.0.0.1", 0,
            new MeterLine(0).add(electricity).add(water));
    private final Lines lines = new Lines();

    @AfterEach
    void close() throws Exception {
        lines.closeAll();
        server.close();
    }

    private MeterOptions options(String id, MeterOptions.Protocol protocol, String address, int timeout) {
        return new MeterOptions(id, "62001200", protocol, address, 0x10, "127.0.0.1", server.port(), null,
                Duration.ofSeconds(1), timeout, 4);
    }

    @Test
    void bothMetersAreReadThroughOneLink() throws Exception {
        MeterOptions e = options("meter-1", MeterOptions.Protocol.DLT645, "000102030425", 2000);
        MeterOptions w = options("water-1", MeterOptions.Protocol.CJT188, "78330011223344", 2000);
        Line line = lines.of(e);
        assertThat(lines.of(w)).isSameAs(line);

        MeterPoller.Result er = line.call(() -> new MeterPoller(e, Profiles.ELECTRICITY, Clock.systemUTC())
                .poll(line.link()), 30_000);
        assertThat(er.commOk()).isTrue();
        Map<String, Object> values = byPoint(er);
        assertThat(values).containsEntry("energy_import_total", 1206.42).containsEntry("voltage_a", 229.8)
                .containsEntry("current_a", -1.25).containsEntry("power_total", 0.2873)
                .containsEntry("power_factor_total", 0.985);
        Reading frequency = er.readings().stream().filter(r -> r.channel().endsWith("/frequency")).findFirst()
                .orElseThrow();
        assertThat(frequency.quality()).isEqualTo(Quality.BAD);
        assertThat(frequency.reason()).isEqualTo(QualityReason.CONFIG_ERROR); // the meter has no such data

        MeterPoller.Result wr = line.call(() -> new MeterPoller(w, Profiles.WATER, Clock.systemUTC())
                .poll(line.link()), 30_000);
        assertThat(byPoint(wr)).containsEntry("flow_total", 1234.56).containsEntry("flow_settlement", 1200.0)
                .containsEntry("valve_closed", false).containsEntry("battery_low", true);
        assertThat(wr.readings().get(0).channel()).isEqualTo("62001200/water-1/flow_total");
    }

    @Test
    void aSilentMeterTimesOutAndItsNeighbourIsStillRead() throws Exception {
        MeterOptions ghost = options("ghost", MeterOptions.Protocol.DLT645, "999999999999", 200);
        MeterOptions w = options("water-1", MeterOptions.Protocol.CJT188, "78330011223344", 2000);
        Line line = lines.of(ghost);
        MeterPoller.Result gr = line.call(() -> new MeterPoller(ghost, Profiles.ELECTRICITY, Clock.systemUTC())
                .poll(line.link()), 30_000);
        assertThat(gr.commOk()).isFalse();
        assertThat(gr.failure()).contains("no answer within 200 ms");
        assertThat(gr.readings()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR));
        MeterPoller.Result wr = line.call(() -> new MeterPoller(w, Profiles.WATER, Clock.systemUTC())
                .poll(lines.of(w).link()), 30_000);
        assertThat(wr.commOk()).isTrue();
    }

    @Test
    void addressesAreDiscoveredByBroadcast() throws Exception {
        Line line = lines.of(options("meter-1", MeterOptions.Protocol.DLT645, "000102030425", 2000));
        assertThat(line.call(() -> Discovery.discover(line.link(), "dlt645", 0), 30_000)).isEqualTo("000102030425");
        assertThat(line.call(() -> Discovery.discover(line.link(), "cjt188", 0x10), 30_000))
                .isEqualTo("78330011223344");
    }

    @Test
    void theDiscoverCommandNamesTheMeterOnALine() throws Exception {
        Line line = lines.of(options("meter-1", MeterOptions.Protocol.DLT645, "000102030425", 2000));
        String reply = new MeterRegistry(lines).handle(Map.of("link", line.name(), "protocol", "cjt188"));
        assertThat(reply).isEqualTo("{\"link\":\"" + line.name() + "\",\"protocol\":\"cjt188\",\"address\":"
                + "\"78330011223344\"}");
    }

    @Test
    void aMeterThatStopsAnsweringIsBackedOffAndItsReadingsSayWhy() throws Exception {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-07-18T01:00:00Z"));
        Clock moving = new Clock() {
            public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public java.time.Instant instant() { return clock.get(); }
        };
        var registry = new MeterRegistry(lines);
        var ghost = new MeterComponent(options("ghost", MeterOptions.Protocol.DLT645, "999999999999", 100),
                Profiles.ELECTRICITY, lines, registry, moving);
        var batches = new java.util.concurrent.CopyOnWriteArrayList<java.util.List<Reading>>();
        ghost.addReadingListener(batches::add);
        ghost.pollOnce();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).allSatisfy(r -> assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR));
        ghost.pollOnce(); // within the first second of backoff: the line is not spent on it
        assertThat(batches).hasSize(1);
        clock.set(clock.get().plusSeconds(2));
        ghost.pollOnce();
        assertThat(batches).hasSize(2);
        assertThat(registry.statusJson()).isEqualTo("{\"meters\":[]}");
    }

    @Test
    void readingsTakenOnAnUnsynchronisedClockGoOutUncertain() throws Exception {
        var registry = new MeterRegistry(lines);
        var water = new MeterComponent(options("water-1", MeterOptions.Protocol.CJT188, "78330011223344", 2000),
                Profiles.WATER, lines, registry, Clock.systemUTC());
        var batches = new java.util.concurrent.CopyOnWriteArrayList<java.util.List<Reading>>();
        water.addReadingListener(batches::add);
        water.setTimeTrust(new UnsynchronisedClock());
        water.pollOnce();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.quality()).isEqualTo(Quality.UNCERTAIN);
            assertThat(r.reason()).isEqualTo(QualityReason.CLOCK_UNSYNCED);
            assertThat(r.value()).isNotNull();
        });
    }

    /** A clock service that says the system clock is not synchronised. */
    private static final class UnsynchronisedClock implements io.weir.api.time.TimeTrust {
        @Override
        public boolean synchronised() {
            return false;
        }

        @Override
        public io.weir.api.time.ClockStatus status() {
            throw new UnsupportedOperationException("not needed here");
        }
    }

    private static Map<String, Object> byPoint(MeterPoller.Result result) {
        return result.readings().stream().filter(r -> r.value() != null).collect(Collectors.toMap(
                r -> r.channel().substring(r.channel().lastIndexOf('/') + 1), Reading::value));
    }
}
