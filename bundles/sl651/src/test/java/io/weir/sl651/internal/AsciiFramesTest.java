package io.weir.sl651.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** The ASCII encoding: header fields as hexadecimal text, elements as mnemonics and decimal text. */
class AsciiFramesTest {

    @Test
    void anAsciiReportRoundTripsAndReadsItsElements() throws Exception {
        String body = "0007230601080005 ST 0062001301 P TT 2306010800 PN05 1.5 PT 123.4 DRP 0A0B00FF0000000000000000"
                + " VT 12.60";
        var frame = new Frame(Encoding.ASCII, false, 1, "0062001301", 0x1234, FunctionCodes.HOURLY, 0, 0,
                body.getBytes(StandardCharsets.US_ASCII), Markers.ETX);
        byte[] wire = FrameCodec.encode(frame);
        assertThat(wire[0]).isEqualTo((byte) 0x01);
        assertThat(new String(wire, 1, 22, StandardCharsets.US_ASCII))
                .isEqualTo("01" + "0062001301" + "1234" + "34" + String.format("%04X", body.length()));
        Frame back = FrameCodec.decode(wire);
        assertThat(back).isEqualTo(frame);
        Report r = ReportParser.parse(back);
        assertThat(r.serial()).isEqualTo(7);
        assertThat(r.stationType()).isEqualTo('P');
        assertThat(r.values()).extracting(v -> v.spec().mnemonic(), Report.Value::observedAt, Report.Value::value)
                .startsWith(
                        tuple("PN05", LocalDateTime.of(2023, 6, 1, 8, 0), 1.5),
                        tuple("PT", LocalDateTime.of(2023, 6, 1, 8, 0), 123.4),
                        tuple("DRP", LocalDateTime.of(2023, 6, 1, 7, 5), 1.0),
                        tuple("DRP", LocalDateTime.of(2023, 6, 1, 7, 10), 1.1),
                        tuple("DRP", LocalDateTime.of(2023, 6, 1, 7, 15), 0.0),
                        tuple("DRP", LocalDateTime.of(2023, 6, 1, 7, 20), null));
        assertThat(r.values()).last().extracting(v -> v.spec().mnemonic(), Report.Value::value)
                .containsExactly("VT", 12.6);
    }

    @Test
    void anAsciiEvenPeriodReportReadsOneElementAStepApart() throws Exception {
        // the HEX even-period vector's values (PublishedFramesTest), written as ASCII: TT, step, element, values
        String body = "0031170718110005 ST 0011223344 H TT 1707181005 DRN05 Z 0.122 0.122 0.285 10.49 FF 10.49";
        Report r = ReportParser.parse(new Frame(Encoding.ASCII, false, 5, "0011223344", 0x03E8,
                FunctionCodes.EVEN_PERIOD, 0, 0, body.getBytes(StandardCharsets.US_ASCII), Markers.ETX));
        LocalDateTime tt = LocalDateTime.of(2017, 7, 18, 10, 5);
        Double none = null;
        assertThat(r.unknown()).isEmpty();
        assertThat(r.values()).allMatch(v -> v.spec().channel().equals("water_level"))
                .extracting(Report.Value::observedAt, Report.Value::value)
                .containsExactly(tuple(tt, 0.122), tuple(tt.plusMinutes(5), 0.122), tuple(tt.plusMinutes(10), 0.285),
                        tuple(tt.plusMinutes(15), 10.49), tuple(tt.plusMinutes(20), none),
                        tuple(tt.plusMinutes(25), 10.49));
    }

    @Test
    void anAsciiTimeStepWithoutValuesIsRefused() {
        String body = "0031170718110005 ST 0011223344 H TT 1707181005 DRH01 Z";
        assertThatThrownBy(() -> ReportParser.parse(new Frame(Encoding.ASCII, false, 5, "0011223344", 0x03E8,
                FunctionCodes.EVEN_PERIOD, 0, 0, body.getBytes(StandardCharsets.US_ASCII), Markers.ETX)))
                .isInstanceOf(FrameException.class).hasMessageContaining("Z");
    }
}
