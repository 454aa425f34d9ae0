package io.weir.gpio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.api.time.ClockStatus;
import io.weir.api.time.TimeTrust;

/** Inputs on Pi4J's mock provider: the test drives the pin with mockState and moves time itself. */
class GpioInputComponentTest {

    static final Instant T0 = Instant.parse("2021-07-20T08:00:00Z");
    static final String RAIN = "62001200/gpio/rain";
    static final String DOOR = "62001200/gpio/door";

    final TestTime time = new TestTime(T0);
    final Pi4jPins pins = new Pi4jPins(Pi4jPins.Provider.MOCK);
    final List<Reading> readings = new ArrayList<>();

    @AfterEach
    void closePins() {
        pins.close();
    }

    GpioInputComponent start(InputOptions options) {
        var input = new GpioInputComponent(options, pins, time, time);
        input.addReadingListener(readings::addAll);
        input.start();
        time.runDue();
        return input;
    }

    MockDigitalInput pin(int bcm) {
        return pins.io("in-" + bcm, MockDigitalInput.class);
    }

    static InputOptions gauge(int bcm) {
        return new InputOptions(RAIN, InputOptions.Kind.TIPS, bcm, Pins.Pull.UP, true, Duration.ofMillis(100),
                0.2, Duration.ofSeconds(60));
    }

    static InputOptions door(int bcm) {
        return new InputOptions(DOOR, InputOptions.Kind.STATE, bcm, Pins.Pull.UP, false, Duration.ofMillis(50),
                0, Duration.ofSeconds(60));
    }

    /** A reed switch closing to ground, with contact bounce, then opening again. */
    void tipWithBounce(MockDigitalInput in) {
        in.mockState(DigitalState.LOW);
        time.advance(Duration.ofMillis(2));
        in.mockState(DigitalState.HIGH);
        time.advance(Duration.ofMillis(2));
        in.mockState(DigitalState.LOW);
        time.advance(Duration.ofMillis(40));
        in.mockState(DigitalState.HIGH);
    }

    @Test
    void tipsCountedWhileTheClockIsNotSynchronisedGoOutUncertain() {
        var input = new GpioInputComponent(gauge(17), pins, time, time);
        input.addReadingListener(readings::addAll);
        input.setTimeTrust(new TimeTrust() {
            @Override
            public boolean synchronised() {
                return false;
            }

            @Override
            public ClockStatus status() {
                return new ClockStatus(false, "test", "", T0, null, 0);
            }
        });
        input.start();
        time.runDue();
        tipWithBounce(pin(17));
        time.runDue();
        assertThat(readings).isNotEmpty().allSatisfy(r -> {
            assertThat(r.quality()).isEqualTo(Quality.UNCERTAIN);
            assertThat(r.reason()).isEqualTo(QualityReason.CLOCK_UNSYNCED);
        });
        input.stop();
    }

    @Test
    void eachTipIsPublishedAsTheRainSinceThePreviousReading() {
        start(gauge(17));
        MockDigitalInput in = pin(17);
        in.mockState(DigitalState.HIGH);
        readings.clear(); // the first report, of nothing yet

        tipWithBounce(in);
        time.advance(Duration.ofSeconds(5));
        tipWithBounce(in);

        assertThat(readings).extracting(Reading::channel, Reading::value, Reading::unit)
                .containsExactly(tuple(RAIN, 0.2, "mm"), tuple(RAIN, 0.2, "mm"));
    }

    @Test
    void aDryGaugeStillReportsZeroEveryPeriod() {
        start(gauge(17));
        pin(17).mockState(DigitalState.HIGH);
        time.advance(Duration.ofMinutes(3));

        assertThat(readings).extracting(Reading::value).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(readings).extracting(Reading::timestamp)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
    }

    @Test
    void tipsTakenByATipReadingAreNotReportedAgain() {
        start(gauge(17));
        MockDigitalInput in = pin(17);
        in.mockState(DigitalState.HIGH);
        tipWithBounce(in);
        time.advance(Duration.ofSeconds(60));

        double total = readings.stream().mapToDouble(r -> (Double) r.value()).sum();
        assertThat(total).isEqualTo(0.2);
    }

    @Test
    void aContactIsReportedWhenItSettlesNotOnEachBounce() {
        start(door(22));
        MockDigitalInput in = pin(22);
        readings.clear();

        in.mockState(DigitalState.HIGH); // door opens, bouncing
        time.advance(Duration.ofMillis(10));
        in.mockState(DigitalState.LOW);
        time.advance(Duration.ofMillis(10));
        in.mockState(DigitalState.HIGH);
        Instant lastEdge = time.instant();
        time.advance(Duration.ofMillis(200));

        assertThat(readings).extracting(Reading::channel, Reading::value, Reading::timestamp)
                .containsExactly(tuple(DOOR, true, lastEdge));
    }

    @Test
    void aGlitchShorterThanTheDebounceIsNoChange() {
        start(door(22));
        MockDigitalInput in = pin(22);
        in.mockState(DigitalState.LOW);
        time.advance(Duration.ofMillis(100));
        readings.clear();

        in.mockState(DigitalState.HIGH);
        time.advance(Duration.ofMillis(5));
        in.mockState(DigitalState.LOW);
        time.advance(Duration.ofMillis(200));

        assertThat(readings).isEmpty();
    }

    @Test
    void anActiveLowMainsSenseReadsTrueWhilePowerIsPresent() {
        var mains = new InputOptions("62001200/gpio/mains", InputOptions.Kind.STATE, 23, Pins.Pull.UP, true,
                Duration.ofMillis(50), 0, Duration.ofSeconds(60));
        start(mains);
        MockDigitalInput in = pin(23);
        in.mockState(DigitalState.LOW);
        time.advance(Duration.ofSeconds(1));
        in.mockState(DigitalState.HIGH); // power lost
        time.advance(Duration.ofSeconds(1));

        assertThat(readings).extracting(Reading::value).endsWith(true, false);
    }

    @Test
    void aStoppedInputPublishesNothingMore() {
        GpioInputComponent input = start(gauge(17));
        readings.clear();
        input.stop();
        time.advance(Duration.ofMinutes(5));

        assertThat(readings).isEmpty();
        assertThat(time.pending()).isZero();
    }
}
