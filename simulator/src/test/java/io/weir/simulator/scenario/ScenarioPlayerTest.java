package io.weir.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

import io.weir.simulator.field.FieldDeviceServer;
import io.weir.simulator.field.RadarLevelGauge;
import io.weir.testing.ManualScheduler;

class ScenarioPlayerTest {

    /** At 600x a five-minute step lasts half a second. */
    private static final Duration STEP = Duration.ofMillis(500);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Scenario flood = Scenario.builtin("flood-storm");
    private FieldDeviceServer devices;

    @BeforeEach
    void start() {
        devices = FieldDeviceServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        devices.close();
    }

    @Test
    void firstRowIsAppliedAtStart() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);

        player.start();

        assertThat(player.rowsPlayed()).isEqualTo(1);
        assertThat(devices.waterLevelMm()).isEqualTo(millimetres(flood.steps().get(0)));
    }

    @Test
    void eachStepAppliesTheNextRow() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);
        player.start();

        scheduler.advance(STEP.minusNanos(1));
        assertThat(player.rowsPlayed()).isEqualTo(1);

        scheduler.advance(Duration.ofNanos(1));
        assertThat(player.rowsPlayed()).isEqualTo(2);
        assertThat(player.current()).isEqualTo(flood.steps().get(1));
        assertThat(devices.waterLevelMm()).isEqualTo(millimetres(flood.steps().get(1)));
    }

    @Test
    void levelsFollowTheScenarioThroughTheWarningLevel() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);
        player.start();

        scheduler.advance(STEP.multipliedBy(55));

        assertThat(player.current().minute()).isEqualTo(275);
        assertThat(devices.waterLevelMm()).isEqualTo(millimetres(flood.steps().get(55))).isGreaterThanOrEqualTo(3500);
    }

    @Test
    void rainOfEveryPlayedRowReachesTheGauge() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);
        player.start();

        scheduler.advance(STEP.multipliedBy(84));

        double fallen = flood.steps().subList(0, 85).stream().mapToDouble(ScenarioStep::rainMm).sum();
        assertThat(devices.rainTipCounter()).isEqualTo((int) Math.round(fallen * 10));
    }

    @Test
    void afterTheLastRowTheDevicesHoldTheLastValues() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);
        player.start();

        scheduler.advance(STEP.multipliedBy(288));
        assertThat(player.finished()).isTrue();
        assertThat(scheduler.pending()).isZero();
        int last = millimetres(flood.steps().get(288));
        assertThat(devices.waterLevelMm()).isEqualTo(last);

        scheduler.advance(Duration.ofHours(1));
        assertThat(devices.waterLevelMm()).isEqualTo(last);
    }

    @Test
    void speedScalesTheStep() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 60);
        player.start();

        scheduler.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(player.rowsPlayed()).isEqualTo(1);
        scheduler.advance(Duration.ofNanos(1));
        assertThat(player.rowsPlayed()).isEqualTo(2);
    }

    @Test
    void unevenStepsAreHonoured() {
        Scenario uneven = scenario(new ScenarioStep(0, 2.0, 0), new ScenarioStep(1, 2.5, 0),
                new ScenarioStep(11, 3.0, 0));
        ScenarioPlayer player = new ScenarioPlayer(uneven, devices, scheduler, 60);
        player.start();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(devices.waterLevelMm()).isEqualTo(2500);
        scheduler.advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(devices.waterLevelMm()).isEqualTo(2500);
        scheduler.advance(Duration.ofNanos(1));
        assertThat(devices.waterLevelMm()).isEqualTo(3000);
    }

    @Test
    void closeStopsTheReplayWhereItIs() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);
        player.start();
        scheduler.advance(STEP.multipliedBy(3));

        player.close();
        scheduler.advance(STEP.multipliedBy(10));

        assertThat(player.rowsPlayed()).isEqualTo(4);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void replayedLevelIsWhatAModbusClientReads() throws Exception {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);
        player.start();
        scheduler.advance(STEP.multipliedBy(87));

        ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", devices.port(), 5_000, false);
        master.connect();
        try {
            int level = master.readMultipleRegisters(FieldDeviceServer.RADAR_UNIT_ID, RadarLevelGauge.WATER_LEVEL_MM,
                    1)[0].getValue();
            assertThat(level).isEqualTo(millimetres(flood.steps().get(87)));
        } finally {
            master.disconnect();
        }
    }

    @Test
    void badSpeedIsRefused() {
        assertThatThrownBy(() -> new ScenarioPlayer(flood, devices, scheduler, 0))
                .hasMessageContaining("speed");
    }

    @Test
    void startingTwiceIsRefused() {
        ScenarioPlayer player = new ScenarioPlayer(flood, devices, scheduler, 600);
        player.start();

        assertThatThrownBy(player::start).isInstanceOf(IllegalStateException.class);
    }

    private static int millimetres(ScenarioStep step) {
        return (int) Math.round(step.waterLevelM() * 1000);
    }

    private static Scenario scenario(ScenarioStep... steps) {
        return Scenario.of("uneven", List.of(steps));
    }
}
