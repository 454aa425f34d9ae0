package io.weir.meterbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CJ/T 188-2004 heat meters' answers to 901F, built by hand byte for byte from the layout in docs/domain.md, the
 * checksum summed here: every field, every unit code of the table, and the answers that must be refused.
 */
class HeatMeterFramesTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String ADDRESS = "11223344556677";

    /**
     * A heat meter's answer, type {@code type}, with the given unit codes: settlement heat 1234.56, current heat
     * 1300.00, power 15.50, flow rate 0.4321, cumulative flow 1234.56, supply 75.30 °C, return 50.12 °C, 8760 h,
     * clock 2026-07-18 09:00:00, valve closed and battery low.
     */
    private static byte[] answer(int type, int energy, int power, int rate, int volume) {
        String data = "1F9005"
                + "56341200" + hex(energy)
                + "00001300" + hex(energy)
                + "50150000" + hex(power)
                + "21430000" + hex(rate)
                + "56341200" + hex(volume)
                + "307500" + "125000" + "608700"
                + "00000918072620"
                + "0500";
        return frame(type, 0x81, data);
    }

    private static byte[] answer() {
        return answer(0x20, 0x05, 0x17, 0x35, 0x2C);
    }

    /** {@code 68 T A0..A6 C L data CS 16}, the address lowest byte first, as a meter sends it. */
    private static byte[] frame(int type, int control, String data) {
        String body = "68" + hex(type) + "77665544332211" + hex(control) + hex(data.length() / 2) + data;
        byte[] bytes = HEX.parseHex(body);
        int sum = 0;
        for (byte b : bytes) {
            sum += b & 0xFF;
        }
        return HEX.parseHex(body + hex(sum & 0xFF) + "16");
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }

    @Test
    void everyFieldOfTheHeatMetersAnswerIsDecoded() throws Exception {
        Cjt188.Metering m = Cjt188.metering(answer(), ADDRESS);
        assertThat(m.type()).isEqualTo(0x20);
        assertThat(m.field(Cjt188.Field.SETTLEMENT_HEAT)).contains(1234.56);
        assertThat(m.field(Cjt188.Field.CURRENT_HEAT)).contains(1300.0);
        assertThat(m.field(Cjt188.Field.HEAT_POWER)).contains(15.5);
        assertThat(m.field(Cjt188.Field.FLOW_RATE)).contains(0.4321);
        assertThat(m.field(Cjt188.Field.CURRENT_FLOW)).contains(1234.56);
        assertThat(m.field(Cjt188.Field.SUPPLY_TEMPERATURE)).contains(75.3);
        assertThat(m.field(Cjt188.Field.RETURN_TEMPERATURE)).contains(50.12);
        assertThat(m.field(Cjt188.Field.WORKING_HOURS)).contains(8760.0);
        assertThat(m.field(Cjt188.Field.VALVE_CLOSED)).contains(true);
        assertThat(m.field(Cjt188.Field.VALVE_ABNORMAL)).contains(false);
        assertThat(m.field(Cjt188.Field.BATTERY_LOW)).contains(true);
        assertThat(m.field(Cjt188.Field.SETTLEMENT_FLOW)).as("a heat meter has no settlement-day flow").isEmpty();
    }

    @Test
    void aCoolingMeterAnswersWithTheSameLayout() throws Exception {
        Cjt188.Metering m = Cjt188.metering(answer(0x21, 0x05, 0x17, 0x35, 0x2C), ADDRESS);
        assertThat(m.field(Cjt188.Field.CURRENT_HEAT)).contains(1300.0);
    }

    @ParameterizedTest(name = "energy unit {0}")
    @CsvSource({
        "01, 0.000342933333", // J
        "02, 1.23456",        // Wh
        "05, 1234.56",        // kWh
        "08, 1234560",        // MWh
        "0A, 123456000",      // MWh x 100
        "0B, 0.342933333",    // kJ
        "0E, 342.933333333",  // MJ
        "11, 342933.333333",  // GJ
        "13, 34293333.3333"   // GJ x 100
    })
    void heatIsReadInKilowattHours(String code, double kWh) throws Exception {
        Cjt188.Metering m = Cjt188.metering(answer(0x20, Integer.parseInt(code, 16), 0x17, 0x35, 0x2C), ADDRESS);
        assertThat((Double) m.field(Cjt188.Field.SETTLEMENT_HEAT).orElseThrow()).isCloseTo(kWh, within(kWh * 1e-9));
    }

    @ParameterizedTest(name = "power unit {0}")
    @CsvSource({"14, 0.0155", "17, 15.5", "1A, 15500"}) // W, kW, MW
    void powerIsReadInKilowatts(String code, double kW) throws Exception {
        Cjt188.Metering m = Cjt188.metering(answer(0x20, 0x05, Integer.parseInt(code, 16), 0x35, 0x2C), ADDRESS);
        assertThat(m.field(Cjt188.Field.HEAT_POWER)).contains(kW);
    }

    @ParameterizedTest(name = "flow units {0} {1}")
    @CsvSource({"32, 29, 0.0004321, 1.23456", "35, 2C, 0.4321, 1234.56"}) // L/h and L, m3/h and m3
    void flowIsReadInCubicMetres(String rateCode, String volumeCode, double m3h, double m3) throws Exception {
        Cjt188.Metering m = Cjt188.metering(answer(0x20, 0x05, 0x17, Integer.parseInt(rateCode, 16),
                Integer.parseInt(volumeCode, 16)), ADDRESS);
        assertThat(m.field(Cjt188.Field.FLOW_RATE)).contains(m3h);
        assertThat(m.field(Cjt188.Field.CURRENT_FLOW)).contains(m3);
    }

    @Test
    void anUnknownUnitCodeIsNamed() {
        assertThatThrownBy(() -> Cjt188.metering(answer(0x20, 0x03, 0x17, 0x35, 0x2C), ADDRESS))
                .isInstanceOfSatisfying(MeterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MeterException.Kind.NO_DATA);
                    assertThat(e.getMessage()).isEqualTo("meter " + ADDRESS + ": settlement heat: unit code 03 is"
                            + " not in the CJ/T 188 unit table");
                });
    }

    @Test
    void aUnitOfTheWrongKindIsNamed() {
        assertThatThrownBy(() -> Cjt188.metering(answer(0x20, 0x05, 0x2C, 0x35, 0x2C), ADDRESS))
                .isInstanceOfSatisfying(MeterException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("meter " + ADDRESS + ": thermal power: unit code 2C (m3) is not a unit of power"));
    }

    @Test
    void theAbnormalAnswerIsARefusal() {
        byte[] abnormal = frame(0x20, 0xC1, "1F90050100");
        assertThatThrownBy(() -> Cjt188.metering(abnormal, ADDRESS))
                .isInstanceOfSatisfying(MeterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MeterException.Kind.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("meter " + ADDRESS + " answered abnormally (control C1,"
                            + " status 1f90050100)");
                });
    }

    @Test
    void aWaterBodyFromAHeatMeterIsTooShort() {
        byte[] waterBody = frame(0x20, 0x81, "1F900500000000" + "2C" + "00000000" + "2C" + "00000918072620" + "0000");
        assertThatThrownBy(() -> Cjt188.metering(waterBody, ADDRESS))
                .isInstanceOfSatisfying(MeterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MeterException.Kind.BAD_FRAME);
                    assertThat(e.getMessage()).isEqualTo("answer of 22 data bytes is too short for the 46-byte"
                            + " metering data of a heat meter (type 20)");
                });
    }

    @Test
    void aTemperatureThatIsNotBcdIsRefused() {
        byte[] f = answer();
        f[11 + 3 + 25] = (byte) 0xA0; // the supply temperature's lowest byte
        f[f.length - 2] = (byte) (f[f.length - 2] + 0xA0 - 0x30);
        assertThatThrownBy(() -> Cjt188.metering(f, ADDRESS))
                .isInstanceOfSatisfying(MeterException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("meter " + ADDRESS + ": supply temperature is not BCD"));
    }

    @Test
    void theMastersReadOfAHeatMeterCarriesItsType() {
        assertThat(HEX.formatHex(Cjt188.readData(0x20, ADDRESS, 5))).isEqualTo("68207766554433221101031F9005"
                + hex((0x68 + 0x20 + 0x77 + 0x66 + 0x55 + 0x44 + 0x33 + 0x22 + 0x11 + 0x01 + 0x03 + 0x1F + 0x90 + 0x05)
                & 0xFF) + "16");
    }
}
