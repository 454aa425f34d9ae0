package io.weir.meterbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * DL/T 645-2007 and CJ/T 188-2004 frames as published with their decoding in public documentation (the standards'
 * own printed examples were not available to us; docs/domain.md names the sources).
 */
class PublishedFramesTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void dlt645ReadAddressIsTheBroadcastFrame() {
        assertThat(HEX.formatHex(Dlt645.readAddress())).isEqualTo("68AAAAAAAAAAAA681300DF16");
    }

    @Test
    void dlt645ReadOfForwardActiveEnergyAndItsAnswer() throws Exception {
        assertThat(HEX.formatHex(Dlt645.readData("000102030425", "00010000")))
                .isEqualTo("682504030201006811043333343" + "3E116");
        byte[] answer = HEX.parseHex("68250403020100689108333334337539453" + "38B16");
        byte[] value = Dlt645.valueOf(answer, "000102030425", "00010000");
        var point = new MeterPoint("energy_import_total", "00010000", null, "NUMBER", 4, 2, false, "kWh");
        assertThat(MeterPoller.decode(point, value)).isEqualTo(1206.42);
    }

    @Test
    void dlt645ErrorAnswersAreNamed() {
        byte[] refused = Dlt645.frame("000102030425", 0xD1, new byte[] {0x02});
        assertThatThrownBy(() -> Dlt645.valueOf(refused, "000102030425", "02800002"))
                .isInstanceOfSatisfying(MeterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MeterException.Kind.NO_DATA);
                    assertThat(e.getMessage()).contains("no requested data (error byte 02)");
                });
        assertThat(Dlt645.errorNames(0x05)).isEqualTo("other error, password wrong or not authorised (error byte 05)");
    }

    @Test
    void dlt645SignedValuesCarryTheSignInTheTopBit() throws Exception {
        var current = new MeterPoint("current_a", "02020100", null, "NUMBER", 3, 3, true, "A");
        assertThat(MeterPoller.decode(current, new byte[] {0x56, 0x34, (byte) 0x81})).isEqualTo(-13.456);
        var date = new MeterPoint("date", "04000101", null, "DATE", 0, 0, false, "");
        assertThat(MeterPoller.decode(date, new byte[] {0x05, 0x18, 0x07, 0x26})).isEqualTo("2026-07-18");
    }

    @Test
    void cjt188ReadOfAWaterMeterAndItsAnswer() throws Exception {
        assertThat(HEX.formatHex(Cjt188.readData(0x10, "78330011223344", 0)))
                .isEqualTo("6810443322110033780103" + "1F90008016");
        byte[] answer = HEX.parseHex("681044332211003378811" + "61F900000776655" + "2C007766552C3101221105152021840816");
        Cjt188.Metering m = Cjt188.metering(answer, "78330011223344");
        assertThat(m.field(Cjt188.Field.CURRENT_FLOW)).contains(556677.00);
        assertThat(m.field(Cjt188.Field.SETTLEMENT_FLOW)).contains(556677.00);
        assertThat(m.field(Cjt188.Field.VALVE_CLOSED)).contains(true);
        assertThat(m.field(Cjt188.Field.BATTERY_LOW)).contains(false);
        assertThat(m.field(Cjt188.Field.CURRENT_HEAT)).isEmpty();
    }
}
