package io.weir.meterbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.simulator.meters.Cjt188HeatMeter;
import io.weir.simulator.meters.Cjt188Meter;
import io.weir.simulator.meters.MeterLine;
import io.weir.simulator.meters.MeterLineServer;

/**
 * A CJ/T 188 heat meter (the simulator's, written from the standard's layout apart from this bundle) beside a water
 * meter behind a serial device server, and two heat meters whose answers are spoiled on the way: one with a wrong
 * checksum, one cut short.
 */
class HeatMeterOnALineTest {

    private static final String HEAT = "20240001000001";
    private static final String BAD_CHECKSUM = "20240001000002";
    private static final String CUT_SHORT = "20240001000003";

    private final Cjt188HeatMeter heat = new Cjt188HeatMeter(0x20, HEAT)
            .heat(12.34, 12.50, 0x08)         // MWh
            .power(15.5, 0x17)                // kW
            .flow(432.1, 0x32, 1234.56, 0x2C) // L/h, m3
            .temperatures(75.3, 50.12)
            .workingHours(8760)
            .status(false, true);
    private final Cjt188HeatMeter spoiled = new Cjt188HeatMeter(0x20, BAD_CHECKSUM).heat(1, 1, 0x05);
    private final Cjt188HeatMeter cut = new Cjt188HeatMeter(0x20, CUT_SHORT).heat(1, 1, 0x05);
    private final MeterLineServer server = MeterLineServer.start("127.0.0.1", 0, new MeterLine(0)
            .add(heat)
            .add(new Cjt188Meter(0x10, "78330011223344").set(1234.56, 1200.0, false, false))
            .add(frame -> {
                byte[] answer = spoiled.answer(frame);
                if (answer != null) {
                    answer[answer.length - 2]++;
                }
                return answer;
            })
            .add(frame -> {
                byte[] answer = cut.answer(frame);
                return answer == null ? null : Arrays.copyOf(answer, answer.length - 10);
            }));
    private final Lines lines = new Lines();

    @AfterEach
    void close() throws Exception {
        lines.closeAll();
        server.close();
    }

    private MeterPoller.Result poll(String id, String address, int type, MeterProfile profile) throws Exception {
        var options = new MeterOptions(id, "62001200", MeterOptions.Protocol.CJT188, address, type, "127.0.0.1",
                server.port(), null, Duration.ofSeconds(1), 300, 4);
        Line line = lines.of(options);
        return line.call(() -> new MeterPoller(options, profile, Clock.systemUTC()).poll(line.link()), 30_000);
    }

    @Test
    void theHeatMetersReadingsComeOutInTheProfilesUnits() throws Exception {
        MeterPoller.Result result = poll("heat-1", HEAT, 0x20, Profiles.HEAT);
        assertThat(result.commOk()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.readings()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));
        Map<String, List<Object>> byPoint = new LinkedHashMap<>();
        for (Reading r : result.readings()) {
            byPoint.put(r.channel().substring(r.channel().lastIndexOf('/') + 1), List.of(r.value(), r.unit()));
        }
        assertThat(byPoint).containsExactly(
                Map.entry("heat_settlement", List.of(12340.0, "kWh")),
                Map.entry("heat_total", List.of(12500.0, "kWh")),
                Map.entry("heat_power", List.of(15.5, "kW")),
                Map.entry("flow_rate", List.of(0.4321, "m3/h")),
                Map.entry("flow_total", List.of(1234.56, "m3")),
                Map.entry("supply_temperature", List.of(75.3, "°C")),
                Map.entry("return_temperature", List.of(50.12, "°C")),
                Map.entry("working_hours", List.of(8760.0, "h")),
                Map.entry("valve_closed", List.of(false, "")),
                Map.entry("battery_low", List.of(true, "")));
        assertThat(result.readings().get(0).channel()).isEqualTo("62001200/heat-1/heat_settlement");
    }

    @Test
    void aWaterPointInAHeatMetersProfileReadsAsAConfigurationError() throws Exception {
        MeterPoller.Result result = poll("heat-1", HEAT, 0x20, Profiles.WATER);
        assertThat(result.commOk()).isTrue();
        Reading settlement = result.readings().get(1);
        assertThat(settlement.channel()).endsWith("/flow_settlement");
        assertThat(settlement.quality()).isEqualTo(Quality.BAD);
        assertThat(settlement.reason()).isEqualTo(QualityReason.CONFIG_ERROR);
        assertThat(result.failure()).isEqualTo("meter " + HEAT + ": the metering data of meter type 20 has no"
                + " settlement_flow");
        assertThat(result.readings().get(0).value()).isEqualTo(1234.56); // its cumulative flow is still read
    }

    @Test
    void aBadChecksumAndACutAnswerAreRefusedAndTheNeighboursStillRead() throws Exception {
        MeterPoller.Result bad = poll("heat-2", BAD_CHECKSUM, 0x20, Profiles.HEAT);
        assertThat(bad.commOk()).isFalse();
        assertThat(bad.failure()).startsWith("checksum ").contains("end byte 16");
        assertThat(bad.readings()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(QualityReason.COMM_ERROR));

        MeterPoller.Result cutShort = poll("heat-3", CUT_SHORT, 0x20, Profiles.HEAT);
        assertThat(cutShort.commOk()).isFalse();
        assertThat(cutShort.failure()).isEqualTo("answer incomplete after 300 ms (49 bytes)");

        assertThat(poll("heat-1", HEAT, 0x20, Profiles.HEAT).commOk()).isTrue();
        assertThat(poll("water-1", "78330011223344", 0x10, Profiles.WATER).readings().get(0).value())
                .isEqualTo(1234.56);
    }

    @Test
    void theHeatMetersAddressIsDiscoveredByBroadcast() throws Exception {
        var options = new MeterOptions("heat-1", "62001200", MeterOptions.Protocol.CJT188, HEAT, 0x20, "127.0.0.1",
                server.port(), null, Duration.ofSeconds(1), 2000, 4);
        Line line = lines.of(options);
        assertThat(line.call(() -> Discovery.discover(line.link(), "cjt188", 0x20), 30_000)).isEqualTo(HEAT);
    }
}
