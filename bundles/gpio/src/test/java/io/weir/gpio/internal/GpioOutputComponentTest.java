package io.weir.gpio.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.ACKNOWLEDGED;
import static io.weir.api.AlarmTransition.CLEARED;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;

import io.weir.api.AlarmLevel;

/** Outputs on Pi4J's mock provider, driven by alarm events as the rules deliver them. */
class GpioOutputComponentTest {

    final Pi4jPins pins = new Pi4jPins(Pi4jPins.Provider.MOCK);

    @AfterEach
    void closePins() {
        pins.close();
    }

    MockDigitalOutput pin(int bcm) {
        return pins.io("out-" + bcm, MockDigitalOutput.class);
    }

    @Test
    void aSirenSoundsFromItsLevelUntilTheAlarmIsAcknowledged() {
        var siren = new GpioOutputComponent(new OutputOptions("siren", 5, false, RED, false), pins);
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
    void anActiveLowRelayIsHighWhileOffAndLowWhileOn() {
        var relay = new GpioOutputComponent(new OutputOptions("relay", 6, true, AlarmLevel.BLUE, true), pins);
        assertThat(pin(6).state()).isEqualTo(DigitalState.HIGH);

        relay.onAlarm(AlarmLatchTest.event("a", BLUE, RAISED));
        assertThat(pin(6).state()).isEqualTo(DigitalState.LOW);
        relay.onAlarm(AlarmLatchTest.event("a", BLUE, CLEARED));
        assertThat(pin(6).state()).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void stoppingSwitchesTheOutputOff() {
        var strobe = new GpioOutputComponent(new OutputOptions("strobe", 13, false, YELLOW, false), pins);
        strobe.onAlarm(AlarmLatchTest.event("a", RED, RAISED));
        MockDigitalOutput out = pin(13);
        strobe.stop();
        assertThat(out.state()).isEqualTo(DigitalState.LOW);
    }
}
