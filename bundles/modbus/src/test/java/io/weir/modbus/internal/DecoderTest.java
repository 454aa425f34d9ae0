package io.weir.modbus.internal;

import static io.weir.modbus.internal.Points.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.weir.api.profile.DataType;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/**
 * Expected values are written out by hand (two's complement, IEEE 754 bit patterns), not computed with the code
 * under test.
 */
class DecoderTest {

    private static double decode(DataType type, WordOrder order, int... registers) {
        return Decoder.decode(point("p", 3, 0, type, order, 1, 0, ""), registers, 0);
    }

    @Test
    void sixteenBitValues() {
        assertThat(decode(DataType.UINT16, WordOrder.ABCD, 0xFFFF)).isEqualTo(65535.0);
        assertThat(decode(DataType.INT16, WordOrder.ABCD, 0xFFFF)).isEqualTo(-1.0);
        assertThat(decode(DataType.INT16, WordOrder.ABCD, 0x8000)).isEqualTo(-32768.0);
        assertThat(decode(DataType.INT16, WordOrder.ABCD, 0x7FFF)).isEqualTo(32767.0);
        assertThat(decode(DataType.UINT16, WordOrder.ABCD, 0x0D54)).isEqualTo(3412.0);
    }

    @Test
    void sixteenBitValuesIgnoreTheWordOrder() {
        for (WordOrder order : WordOrder.values()) {
            assertThat(decode(DataType.INT16, order, 0xFFFE)).isEqualTo(-2.0);
        }
    }

    // 0x12345678 = 305419896: bytes A=12 B=34 C=56 D=78 as each order puts them on the wire
    @ParameterizedTest
    @CsvSource({
            "ABCD, 0x1234, 0x5678",
            "CDAB, 0x5678, 0x1234",
            "BADC, 0x3412, 0x7856",
            "DCBA, 0x7856, 0x3412"})
    void int32AndUint32InEveryWordOrder(WordOrder order, String first, String second) {
        int r0 = Integer.decode(first);
        int r1 = Integer.decode(second);

        assertThat(decode(DataType.INT32, order, r0, r1)).isEqualTo(305419896.0);
        assertThat(decode(DataType.UINT32, order, r0, r1)).isEqualTo(305419896.0);
    }

    // 0xFFFFFFFE: -2 signed, 4294967294 unsigned
    @ParameterizedTest
    @CsvSource({
            "ABCD, 0xFFFF, 0xFFFE",
            "CDAB, 0xFFFE, 0xFFFF",
            "BADC, 0xFFFF, 0xFEFF",
            "DCBA, 0xFEFF, 0xFFFF"})
    void signIsTakenFromByteAWhereverItTravels(WordOrder order, String first, String second) {
        int r0 = Integer.decode(first);
        int r1 = Integer.decode(second);

        assertThat(decode(DataType.INT32, order, r0, r1)).isEqualTo(-2.0);
        assertThat(decode(DataType.UINT32, order, r0, r1)).isEqualTo(4294967294.0);
    }

    // 123.456f is 0x42F6E979 in IEEE 754 single precision
    @ParameterizedTest
    @CsvSource({
            "ABCD, 0x42F6, 0xE979",
            "CDAB, 0xE979, 0x42F6",
            "BADC, 0xF642, 0x79E9",
            "DCBA, 0x79E9, 0xF642"})
    void float32InEveryWordOrder(WordOrder order, String first, String second) {
        assertThat(decode(DataType.FLOAT32, order, Integer.decode(first), Integer.decode(second)))
                .isEqualTo((double) 123.456f);
    }

    @Test
    void littleEndianIsDcba() {
        // the bytes of -1.5f (0xBFC00000) little-endian on the wire, registers big-endian as Modbus sends them
        byte[] wire = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(-1.5f).array();
        int r0 = (wire[0] & 0xFF) << 8 | wire[1] & 0xFF;
        int r1 = (wire[2] & 0xFF) << 8 | wire[3] & 0xFF;

        assertThat(decode(DataType.FLOAT32, WordOrder.DCBA, r0, r1)).isEqualTo(-1.5);
    }

    @Test
    void scaleAndOffsetGiveTheEngineeringValue() {
        Point level = point("level", 3, 0, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m");
        Point temperature = point("temp", 3, 0, DataType.INT16, WordOrder.ABCD, 0.1, -40, "degC");
        Point energy = point("energy", 4, 0, DataType.UINT32, WordOrder.CDAB, 0.01, 100, "kWh");

        assertThat(Decoder.decode(level, new int[] {3412}, 0)).isCloseTo(3.412, within(1e-12));
        assertThat(Decoder.decode(temperature, new int[] {0xFF9C}, 0)).isCloseTo(-50.0, within(1e-12)); // -100
        // 0x00010000 = 65536 sent low word first
        assertThat(Decoder.decode(energy, new int[] {0x0000, 0x0001}, 0)).isCloseTo(755.36, within(1e-9));
    }

    @Test
    void readsThePointAtItsIndexInTheBlock() {
        Point second = point("b", 3, 11, DataType.INT32, WordOrder.ABCD, 1, 0, "");

        assertThat(Decoder.decode(second, new int[] {0x1111, 0xFFFF, 0xFFFB, 0x2222}, 1)).isEqualTo(-5.0);
    }
}
