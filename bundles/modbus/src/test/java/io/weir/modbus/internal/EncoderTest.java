package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.weir.api.profile.DataType;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/** Encoding is the decoder run backwards: what is written reads back as the value asked for. */
class EncoderTest {

    private static Point point(DataType type, WordOrder order, double scale, double offset) {
        return new Point("p", 3, 0, type, order, scale, offset, "");
    }

    @ParameterizedTest
    @EnumSource(WordOrder.class)
    void everyNumericTypeRoundTripsInEveryWordOrder(WordOrder order) throws Exception {
        assertRoundTrip(point(DataType.INT16, order, 1, 0), "-1234", -1234.0);
        assertRoundTrip(point(DataType.UINT16, order, 0.1, 0), "6553.5", 6553.5);
        assertRoundTrip(point(DataType.INT32, order, 1, 0), "-2000000000", -2e9);
        assertRoundTrip(point(DataType.UINT32, order, 0.001, 0), "4294967.295", 4294967.295);
        assertRoundTrip(point(DataType.FLOAT32, order, 1, 0), "12.5", 12.5);
        assertRoundTrip(point(DataType.FLOAT64, order, 1, 0), "-0.1", -0.1);
        assertRoundTrip(point(DataType.INT64, order, 1, 0), "-9000000000000000001", -9000000000000000001L);
        assertRoundTrip(point(DataType.UINT64, order, 1, 0), "9223372036854775807", Long.MAX_VALUE);
    }

    private static void assertRoundTrip(Point p, String text, double expected) throws Exception {
        Object value = Decoder.value(p, Encoder.registers(p, text), 0);
        assertThat(((Number) value).doubleValue()).as(p.type() + " " + p.wordOrder())
                .isCloseTo(expected, within(Math.abs(expected) * 1e-7));
    }

    private static void assertRoundTrip(Point p, String text, long expected) throws Exception {
        assertThat(Decoder.value(p, Encoder.registers(p, text), 0)).as(p.type() + " " + p.wordOrder())
                .isEqualTo(expected);
    }

    @Test
    void scaleAndOffsetAreUndoneBeforeRoundingToTheRegistersResolution() throws Exception {
        // a 4-20 mA input scaled to 0..10 m over 0..4000 counts: 2.5 m is 1000 counts
        Point level = point(DataType.UINT16, WordOrder.ABCD, 0.0025, 0);
        assertThat(Encoder.registers(level, "2.5")).containsExactly(1000);
        // a temperature with an offset: raw = (21.3 - (-40)) / 0.1 = 613
        Point temperature = point(DataType.INT16, WordOrder.ABCD, 0.1, -40);
        assertThat(Encoder.registers(temperature, "21.3")).containsExactly(613);
        // 1.234 with a resolution of 0.01 is written as 123 (1.23)
        assertThat(Encoder.registers(point(DataType.UINT16, WordOrder.ABCD, 0.01, 0), "1.234")).containsExactly(123);
    }

    @Test
    void wordOrdersPlaceTheBytesWhereTheProfileSays() {
        assertThat(Encoder.words32(WordOrder.ABCD, 0x11223344)).containsExactly(0x1122, 0x3344);
        assertThat(Encoder.words32(WordOrder.CDAB, 0x11223344)).containsExactly(0x3344, 0x1122);
        assertThat(Encoder.words32(WordOrder.BADC, 0x11223344)).containsExactly(0x2211, 0x4433);
        assertThat(Encoder.words32(WordOrder.DCBA, 0x11223344)).containsExactly(0x4433, 0x2211);
        assertThat(Encoder.words64(WordOrder.CDAB, 0x1122334455667788L)).containsExactly(0x7788, 0x5566, 0x3344,
                0x1122);
    }

    @Test
    void valuesOutsideTheTypeAreRefusedNamingTheLimits() {
        assertThatThrownBy(() -> Encoder.registers(point(DataType.UINT16, WordOrder.ABCD, 1, 0), "-1"))
                .isInstanceOf(Encoder.OutOfRange.class).hasMessage("point p is uint16: raw value -1 is outside 0..65535");
        assertThatThrownBy(() -> Encoder.registers(point(DataType.INT16, WordOrder.ABCD, 0.1, 0), "3276.8"))
                .hasMessage("point p is int16: raw value 32768 is outside -32768..32767 (engineering -3276.8..3276.7)");
        assertThatThrownBy(() -> Encoder.registers(point(DataType.FLOAT32, WordOrder.ABCD, 1, 0), "1e39"))
                .hasMessageContaining("does not fit a float32");
        assertThatThrownBy(() -> Encoder.registers(point(DataType.UINT16, WordOrder.ABCD, 1, 0), "NaN"))
                .hasMessage("point p takes a number, not 'NaN'");
    }

    @Test
    void bitsAndStrings() throws Exception {
        Point relay = new Point("relay", 1, 0, DataType.BIT, WordOrder.ABCD, 1, 0, "");
        assertThat(Encoder.bit(relay, "ON")).isTrue();
        assertThat(Encoder.bit(relay, "0")).isFalse();
        assertThatThrownBy(() -> Encoder.bit(relay, "maybe")).hasMessageContaining("write true or false");

        Point tag = new Point("tag", 3, 0, DataType.STRING, WordOrder.ABCD, 1, 0, "", 3);
        assertThat(Decoder.value(tag, Encoder.registers(tag, "WL-7"), 0)).isEqualTo("WL-7");
        assertThatThrownBy(() -> Encoder.registers(tag, "TOO-LONG")).hasMessage("point tag holds at most 6 bytes of"
                + " text, 'TOO-LONG' is 8");
    }
}
