package io.weir.gpio.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.ACKNOWLEDGED;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;

import io.weir.api.AlarmLevel;
import io.weir.api.GatewayEvent;

/** Outputs on Pi4J's mock provider, driven by alarm events as the rules deliver them. */
class GpioOutputComponentTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    final Pi4jPins pins = new Pi4jPins(Pi4jPins.Provider.MOCK);
    final OutputBoard board = new OutputBoard();

    GpioOutputComponent output(OutputOptions options) {
        return new GpioOutputComponent(options, pins, board, CLOCK);
    }

    @AfterEach
    void closePins() {
        pins.close();
    }

    MockDigitalOutput pin(int bcm) {
        return pins.io("out-" + bcm, MockDigitalOutput.class);
    }

    @Test
    void aSirenSoundsFromItsLevelUntilTheAlarmIsAcknowledged() {
        var siren = output(new OutputOptions("siren", 5, false, RED, false));
        assertThat(pin(5).state()).isEqualTo(DigitalState.LOW);

        siren.onAlarm(AlarmLatchTest.event("a", YELLOW, RAISED));
        assertThat(pin(5).state()).isEqualTo(DigitalState.LOW);
        siren.onAlarm(AlarmLatchTest.event("a", RED, ESCALATED));
        assertThat(pin(5).state()).isEqualTo(DigitalState.HIGH);
        siren.onAlarm(AlarmLatchTest.event("a", BLUE, CLEARED));
        assertThat(pin(5).state()).isEqualTo(DigitalState.HIGH);
        siren.onAlarm(AlarmLatchTest.event("a", BLUE, ACKNOWLEDGED));
        assertThat(pin(5).state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void aTestPulseSoundsTheSirenForItsSecondsAndLeavesItAsItsAlarmsSay() throws Exception {
        var time = new TestTime(Instant.parse("2026-11-21T08:00:00Z"));
        var tests = new OutputTests();
        var siren = new GpioOutputComponent(new OutputOptions("siren", 5, false, RED, false), pins, board, time, time,
                tests);
        var events = new ArrayList<GatewayEvent>();
        siren.addEventListener(events::add);
        var command = new GpioPulseCommand(tests);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> command.handle(java.util.Map.of("output", "siren",
                "seconds", "5"))).hasMessageContaining("confirm must repeat");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> command.handle(java.util.Map.of("output", "horn",
                "confirm", "horn"))).hasMessageContaining("outputs: [siren]");
        assertThat(command.handle(java.util.Map.of("output", "siren", "seconds", "5", "confirm", "siren")))
                .contains("\"on\":true", "\"seconds\":5");
        assertThat(pin(5).state()).isEqualTo(DigitalState.HIGH);
        time.advance(java.time.Duration.ofSeconds(4));
        assertThat(pin(5).state()).isEqualTo(DigitalState.HIGH);
        time.advance(java.time.Duration.ofSeconds(1));
        assertThat(pin(5).state()).isEqualTo(DigitalState.LOW);
        assertThat(events).extracting(e -> e.details().get("on") + " " + e.details().get("transition"))
                .containsExactly("true TEST", "false TEST");

        // an alarm that latched the siren during a test keeps it on after the test
        command.handle(java.util.Map.of("output", "siren", "seconds", "5", "confirm", "siren"));
        siren.onAlarm(AlarmLatchTest.event("a", RED, RAISED));
        time.advance(java.time.Duration.ofSeconds(6));
        assertThat(pin(5).state()).isEqualTo(DigitalState.HIGH);
        siren.onAlarm(AlarmLatchTest.event("a", RED, ACKNOWLEDGED));
        assertThat(pin(5).state()).isEqualTo(DigitalState.LOW);
        siren.stop();
    }

    @Test
    void anActiveLowRelayIsHighWhileOffAndLowWhileOn() {
        var relay = output(new OutputOptions("relay", 6, true, AlarmLevel.BLUE, true));
        assertThat(pin(6).state()).isEqualTo(DigitalState.HIGH);

        relay.onAlarm(AlarmLatchTest.event("a", BLUE, RAISED));
        assertThat(pin(6).state()).isEqualTo(DigitalState.LOW);
        relay.onAlarm(AlarmLatchTest.event("a", BLUE, CLEARED));
        assertThat(pin(6).state()).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void stoppingSwitchesTheOutputOff() {
        var strobe = output(new OutputOptions("strobe", 13, false, YELLOW, false));
        strobe.onAlarm(AlarmLatchTest.event("a", RED, RAISED));
        MockDigitalOutput out = pin(13);
        strobe.stop();
        assertThat(out.state()).isEqualTo(DigitalState.LOW);
        assertThat(board.json()).isEqualTo("{\"outputs\":{}}");
    }

    @Test
    void eachSwitchIsAGatewayEventAndTheStatusNamesTheAlarmHoldingTheOutput() {
        var siren = output(new OutputOptions("siren", 5, false, RED, false));
        var events = new ArrayList<GatewayEvent>();
        siren.addEventListener(events::add);

        siren.onAlarm(AlarmLatchTest.event("a", RED, RAISED));
        assertThat(board.json()).isEqualTo("{\"outputs\":{\"siren\":{\"pin\":5,\"on\":true,\"alarmId\":\"a\"}}}");
        siren.onAlarm(AlarmLatchTest.event("a", RED, ACKNOWLEDGED));
        assertThat(board.json()).isEqualTo("{\"outputs\":{\"siren\":{\"pin\":5,\"on\":false}}}");

        assertThat(events).extracting(GatewayEvent::type).containsExactly("GPIO_OUTPUT_SWITCHED", "GPIO_OUTPUT_SWITCHED");
        assertThat(events).extracting(e -> e.details().get("on")).containsExactly(true, false);
        assertThat(events.get(1).details()).containsEntry("output", "siren").containsEntry("alarmId", "a")
                .containsEntry("transition", "ACKNOWLEDGED");
    }
}
