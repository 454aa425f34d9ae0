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

    private static Object value(DataType type, WordOrder order, int... registers) {
        return Decoder.value(point("p", 3, 0, type, order, 1, 0, ""), registers, 0);
    }

    // 0x0102030405060708 = 72623859790382856: bytes A..H = 01..08 as each order puts them on the wire
    @ParameterizedTest
    @CsvSource({
            "ABCD, 0x0102, 0x0304, 0x0506, 0x0708",
            "CDAB, 0x0708, 0x0506, 0x0304, 0x0102",
            "BADC, 0x0201, 0x0403, 0x0605, 0x0807",
            "DCBA, 0x0807, 0x0605, 0x0403, 0x0201"})
    void int64AndUint64InEveryWordOrder(WordOrder order, String r0, String r1, String r2, String r3) {
        int[] registers = {Integer.decode(r0), Integer.decode(r1), Integer.decode(r2), Integer.decode(r3)};

        assertThat(value(DataType.INT64, order, registers)).isEqualTo(72623859790382856L);
        assertThat(value(DataType.UINT64, order, registers)).isEqualTo(72623859790382856L);
    }

    @Test
    void dcbaIsLittleEndianFor64BitValuesToo() {
        byte[] wire = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(-2.25).array();
        int[] registers = new int[4];
        for (int i = 0; i < 4; i++) {
            registers[i] = (wire[2 * i] & 0xFF) << 8 | wire[2 * i + 1] & 0xFF;
        }

        assertThat(value(DataType.FLOAT64, WordOrder.DCBA, registers)).isEqualTo(-2.25);
    }

    // 1234.5678 is 0x40934A456D5CFAAD in IEEE 754 double precision
    @ParameterizedTest
    @CsvSource({
            "ABCD, 0x4093, 0x4A45, 0x6D5C, 0xFAAD",
            "CDAB, 0xFAAD, 0x6D5C, 0x4A45, 0x4093",
            "BADC, 0x9340, 0x454A, 0x5C6D, 0xADFA"})
    void float64InWordOrders(WordOrder order, String r0, String r1, String r2, String r3) {
        int[] registers = {Integer.decode(r0), Integer.decode(r1), Integer.decode(r2), Integer.decode(r3)};

        assertThat(value(DataType.FLOAT64, order, registers)).isEqualTo(1234.5678);
    }

    @Test
    void signedAndUnsigned64BitDifferAboveTwoToThe63() {
        int[] allOnes = {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};
        int[] twoTo63 = {0x8000, 0, 0, 0};

        assertThat(value(DataType.INT64, WordOrder.ABCD, allOnes)).isEqualTo(-1L);
        // 2^64 - 1 does not fit a long: it reads as the nearest double, 2^64 = 18446744073709551616
        assertThat(value(DataType.UINT64, WordOrder.ABCD, allOnes)).isEqualTo(18446744073709551616.0);
        assertThat(value(DataType.INT64, WordOrder.ABCD, twoTo63)).isEqualTo(Long.MIN_VALUE);
        assertThat(value(DataType.UINT64, WordOrder.ABCD, twoTo63)).isEqualTo(9223372036854775808.0);
    }

    @Test
    void a64BitCounterBeyondTwoToThe53StaysExactUnscaledButNotScaled() {
        // 2^53 + 1 = 9007199254740993 = 0x0020000000000001
        int[] registers = {0x0020, 0x0000, 0x0000, 0x0001};
        Point scaled = point("e", 3, 0, DataType.UINT64, WordOrder.ABCD, 0.001, 0, "kWh");

        assertThat(value(DataType.UINT64, WordOrder.ABCD, registers)).isEqualTo(9007199254740993L);
        assertThat(Decoder.value(scaled, registers, 0)).isInstanceOf(Double.class);
        assertThat((Double) Decoder.value(scaled, registers, 0)).isCloseTo(9007199254740.992, within(0.01));
    }

    @Test
    void stringsAreTwoBytesARegisterUpToTheFirstNulWithoutTrailingSpaces() {
        // "AB-7 " then NUL: 'A' 0x41 'B' 0x42, '-' 0x2D '7' 0x37, ' ' 0x20 NUL, then garbage after the NUL
        int[] registers = {0x4142, 0x2D37, 0x2000, 0x5858};
        Point model = new Point("model", 3, 0, DataType.STRING, WordOrder.ABCD, 1, 0, "", 4);
        Point swapped = new Point("model", 3, 0, DataType.STRING, WordOrder.BADC, 1, 0, "", 2);
        // UTF-8 'é' is C3 A9
        Point utf8 = new Point("name", 3, 0, DataType.STRING, WordOrder.ABCD, 1, 0, "", 1);

        assertThat(Decoder.value(model, registers, 0)).isEqualTo("AB-7");
        assertThat(Decoder.value(swapped, new int[] {0x4241, 0x372D}, 0)).isEqualTo("AB-7");
        assertThat(Decoder.value(utf8, new int[] {0xC3A9}, 0)).isEqualTo("\u00e9");
    }

    @Test
    void unscaledIntegersReadAsIntegersAndScaledOnesAsDoubles() {
        // a count is published as 87, not 87.0
        assertThat(value(DataType.UINT16, WordOrder.ABCD, 7)).isEqualTo(7L);
        assertThat(value(DataType.INT16, WordOrder.ABCD, 0xFFFF)).isEqualTo(-1L);
        assertThat(value(DataType.INT32, WordOrder.ABCD, 0xFFFF, 0xFFFE)).isEqualTo(-2L);
        assertThat(value(DataType.UINT32, WordOrder.CDAB, 0xFFFF, 0xFFFF)).isEqualTo(4294967295L);
        var scaled = new Point("level", 3, 0, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m");
        assertThat(Decoder.value(scaled, new int[] {4637}, 0)).isEqualTo(4.6370000000000005);
    }
}
