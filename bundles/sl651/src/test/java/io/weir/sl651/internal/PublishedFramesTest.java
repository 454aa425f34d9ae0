package io.weir.sl651.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.Reading;

/**
 * SL 651-2014 test vectors (the standard's own printed examples were not available to us; docs/domain.md, "Test
 * vectors", names each source): from [S1], published with their decoding, two link keep-alives, a test report and
 * its acknowledgement, a timed report and its acknowledgement; from [S18], a rain station's answer to a real-time
 * query as an open-source project sends it to a centre; from [S20], hourly, added and even-period reports with the
 * centre's answers, and answers to queries of 5-minute series. The acknowledgements are reproduced byte for byte
 * with the centre's clock set to the time they carry and its end marker set to theirs.
 */
class PublishedFramesTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    static final String KEEP_ALIVE = "7E7E01001234567812342F0008020003591011155111036BCA";
    static final String TEST_REPORT = "7E7E010012345678123430002B020003591011154947F1F1001234567848F0F0591011154920"
            + "190000052619000005392300000127381211150320FA";
    static final String TEST_ACK = "7E7E00123456780112343080080200035910111549471B75D4";
    static final String TIMED_REPORT = "7E7E05001122334403E832002B020034170718110016F1F1001122334448F0F017071811002"
            + "01900004026190000403923000104903812109903A421";
    static final String TIMED_ACK = "7E7E00112233440503E83280080200341707181100161BE5D4";
    /** Centre 00, and a serial number whose first byte is 7E, the start byte. */
    static final String KEEP_ALIVE_2 = "7E7E00987654321012342F0008027E0822101110074703C3AE";
    static final String REALTIME_ANSWER = "7E7E010040803540000037002B02FCA7170206163612F1F1004080354050F0F0170206163"
            + "6201900000026190131433923009980993812118203BAFE";

    /** [S20]: a rain station's hourly report, its 5-minute rain of the hour, and the centre's answer ending EOT. */
    static final String HOURLY_RAIN = "7E7E1000123456781234340038020001140612020000F1F1001234567850F0F01406120200F460"
            + "000000000000000000000000261900000020190000001A1900000038121290034383";
    static final String HOURLY_RAIN_ACK = "7E7E001234567810123434800802000114061314385304696E";
    /** [S20]: a river station's hourly report with the hour's 5-minute relative levels, and the answer. */
    static final String HOURLY_LEVEL = "7E7E1000123456781234340057020003140612020000F1F1001234567848F0F01406120200F46"
            + "0000000000000000000000000F5C00AAA0AAAFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF261900000020190000001A1"
            + "9000000391A0027303812129003DD4E";
    static final String HOURLY_LEVEL_ACK = "7E7E00123456781012343480080200031406131443040499A1";
    /** [S20]: a rain station's added report and the answer. */
    static final String ADDED_RAIN = "7E7E1000123456781234330038020002140612021500F1F1001234567850F0F01406120215F4600"
            + "00000000000000000000000261900002020190000101A1900001038121209037C62";
    static final String ADDED_RAIN_ACK = "7E7E001234567810123433800802000214061202152504DAAA";
    /** [S20]: an even-period report, 12 water levels 5 minutes apart, and the answer ending ESC. */
    static final String EVEN_PERIOD = "7E7E05001122334403E831004E020031170718110005F1F1001122334448F0F017071810050418"
            + "00000539230000012200000122000002850001049000010490FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF0001049000"
            + "010490037AC7";
    static final String EVEN_PERIOD_ACK = "7E7E00112233440503E83180080200311707181100051B291C";
    /** [S20]: a station's answers to queries of its 5-minute rain and relative levels (3A). */
    static final String QUERIED_RAIN = "7E7E05001122334403E83A0025020037170718110226F1F1001122334448F0F01707181005F46"
            + "00500000014FFFFFFFFFF000003074E";
    static final String QUERIED_LEVELS = "7E7E05001122334403E83A0031020038170718110235F1F1001122334448F0F01707181005F"
            + "5C0000C000C001C00310031FFFFFFFFFFFFFFFFFFFF00310031033CAF";

    @TempDir
    Path dir;

    /**
     * {@code hex} decoded, checked to be an up frame ending ETX with the given header and to encode back to the same
     * bytes.
     */
    private static Frame upFrame(String hex, int centre, String station, int password, int function)
            throws FrameException {
        Frame f = FrameCodec.decode(HEX.parseHex(hex));
        assertThat(f.down()).isFalse();
        assertThat(f.centre()).isEqualTo(centre);
        assertThat(f.station()).isEqualTo(station);
        assertThat(f.password()).isEqualTo(password);
        assertThat(f.function()).isEqualTo(function);
        assertThat(f.end()).isEqualTo(Markers.ETX);
        assertThat(HEX.formatHex(FrameCodec.encode(f))).isEqualTo(hex);
        return f;
    }

    @Test
    void aKeepAliveIsReadWithItsHeader() throws Exception {
        Report r = ReportParser.parse(upFrame(KEEP_ALIVE, 1, "0012345678", 0x1234, FunctionCodes.KEEP_ALIVE));
        assertThat(r.serial()).isEqualTo(3);
        assertThat(r.sentAt()).isEqualTo(LocalDateTime.of(2059, 10, 11, 15, 51, 11));
    }

    @Test
    void aKeepAliveWithTheStartByteInItsSerialNumber() throws Exception {
        Report r = ReportParser.parse(upFrame(KEEP_ALIVE_2, 0, "9876543210", 0x1234, FunctionCodes.KEEP_ALIVE));
        assertThat(r.serial()).isEqualTo(0x7E08);
        assertThat(r.sentAt()).isEqualTo(LocalDateTime.of(2022, 10, 11, 10, 7, 47));
        assertThat(r.values()).isEmpty();
    }

    @Test
    void aRainStationsRealTimeAnswerGivesItsElementsInTheirUnits() throws Exception {
        Report r = ReportParser.parse(upFrame(REALTIME_ANSWER, 1, "0040803540", 0, FunctionCodes.QUERY_REALTIME));
        assertThat(r.serial()).isEqualTo(0xFCA7);
        assertThat(r.sentAt()).isEqualTo(LocalDateTime.of(2017, 2, 6, 16, 36, 12));
        assertThat(r.station()).isEqualTo("0040803540");
        assertThat(r.stationType()).isEqualTo(0x50);
        assertThat(r.unknown()).isEmpty();
        LocalDateTime observed = LocalDateTime.of(2017, 2, 6, 16, 36);
        assertThat(r.values()).extracting(v -> v.spec().channel(), v -> v.spec().unit(), Report.Value::value,
                        Report.Value::observedAt)
                .containsExactly(
                        tuple("rain_current", "mm", 0.0, observed),
                        tuple("rain_total", "mm", 1314.3, observed),
                        tuple("water_level", "m", 998.099, observed),
                        tuple("voltage", "V", 11.82, observed));
    }

    @Test
    void theTestReportGivesItsFourElementsAtTheObservationTime() throws Exception {
        Report r = ReportParser.parse(FrameCodec.decode(HEX.parseHex(TEST_REPORT)));
        assertThat(r.station()).isEqualTo("0012345678");
        assertThat(r.stationType()).isEqualTo(0x48);
        assertThat(r.values()).extracting(v -> v.spec().mnemonic(), Report.Value::value, Report.Value::observedAt)
                .containsExactly(
                        tuple("PJ", 0.5, LocalDateTime.of(2059, 10, 11, 15, 49)),
                        tuple("PT", 0.5, LocalDateTime.of(2059, 10, 11, 15, 49)),
                        tuple("Z", 0.127, LocalDateTime.of(2059, 10, 11, 15, 49)),
                        tuple("VT", 11.15, LocalDateTime.of(2059, 10, 11, 15, 49)));
    }

    @Test
    void theCentreAcknowledgesTheTestReportAsPublished() throws Exception {
        assertThat(acknowledge(TEST_REPORT, "0012345678", 0x1234, LocalDateTime.of(2059, 10, 11, 15, 49, 47)))
                .isEqualTo(TEST_ACK);
    }

    @Test
    void theCentreAcknowledgesTheTimedReportAsPublished() throws Exception {
        Report r = ReportParser.parse(FrameCodec.decode(HEX.parseHex(TIMED_REPORT)));
        assertThat(r.values()).extracting(v -> v.spec().mnemonic(), Report.Value::value)
                .containsExactly(tuple("PJ", 4.0), tuple("PT", 4.0), tuple("Z", 10.49), tuple("VT", 10.99));
        assertThat(acknowledge(TIMED_REPORT, "0011223344", 0x03E8, LocalDateTime.of(2017, 7, 18, 11, 0, 16)))
                .isEqualTo(TIMED_ACK);
    }

    @Test
    void theHourlyRainReportGivesTheHoursRainEveryFiveMinutesAndIsAcknowledgedAsPublished() throws Exception {
        Report r = ReportParser.parse(upFrame(HOURLY_RAIN, 0x10, "0012345678", 0x1234, FunctionCodes.HOURLY));
        assertThat(r.serial()).isEqualTo(1);
        assertThat(r.stationType()).isEqualTo(0x50);
        LocalDateTime tt = LocalDateTime.of(2014, 6, 12, 2, 0);
        assertThat(r.values()).filteredOn(v -> v.spec().mnemonic().equals("DRP"))
                .extracting(Report.Value::observedAt, Report.Value::value)
                .containsExactlyElementsOf(IntStream.range(0, 12)
                        .mapToObj(k -> tuple(tt.minusMinutes(55 - 5L * k), 0.0)).toList());
        assertThat(r.values()).filteredOn(v -> !v.spec().mnemonic().equals("DRP"))
                .extracting(v -> v.spec().channel(), Report.Value::value, Report.Value::observedAt)
                .containsExactly(tuple("rain_total", 0.0, tt), tuple("rain_current", 0.0, tt),
                        tuple("rain_1h", 0.0, tt), tuple("voltage", 12.9, tt));
        Exchange e = exchange(HOURLY_RAIN, "0012345678", 0x1234, LocalDateTime.of(2014, 6, 13, 14, 38, 53),
                Markers.EOT);
        assertThat(e.reply()).isEqualTo(HOURLY_RAIN_ACK);
    }

    /** The 5-minute relative levels are 16-bit binary in centimetres, FFFF none: as Weir reads them. */
    @Test
    void theHourlyLevelReportGivesTheHoursRelativeLevels() throws Exception {
        Report r = ReportParser.parse(upFrame(HOURLY_LEVEL, 0x10, "0012345678", 0x1234, FunctionCodes.HOURLY));
        assertThat(r.serial()).isEqualTo(3);
        assertThat(r.stationType()).isEqualTo(0x48);
        LocalDateTime tt = LocalDateTime.of(2014, 6, 12, 2, 0);
        assertThat(r.values()).filteredOn(v -> v.spec().mnemonic().equals("DRZ1"))
                .extracting(Report.Value::observedAt, Report.Value::value)
                .startsWith(tuple(tt.minusMinutes(55), 27.3), tuple(tt.minusMinutes(50), 27.3),
                        tuple(tt.minusMinutes(45), null))
                .hasSize(12).filteredOn(t -> t.toList().get(1) == null).hasSize(10);
        assertThat(r.values()).filteredOn(v -> v.spec().mnemonic().equals("Z"))
                .extracting(Report.Value::value, Report.Value::observedAt).containsExactly(tuple(27.3, tt));
        Exchange e = exchange(HOURLY_LEVEL, "0012345678", 0x1234, LocalDateTime.of(2014, 6, 13, 14, 43, 4),
                Markers.EOT);
        assertThat(e.reply()).isEqualTo(HOURLY_LEVEL_ACK);
    }

    /** An added report sent at 02:15 carries the hour up to 02:15: the series ends at the observation time. */
    @Test
    void theAddedReportsSeriesEndsAtItsObservationTime() throws Exception {
        Report r = ReportParser.parse(upFrame(ADDED_RAIN, 0x10, "0012345678", 0x1234, FunctionCodes.ADDED));
        LocalDateTime tt = LocalDateTime.of(2014, 6, 12, 2, 15);
        assertThat(r.sentAt()).isEqualTo(tt);
        assertThat(r.values()).filteredOn(v -> v.spec().mnemonic().equals("DRP"))
                .extracting(Report.Value::observedAt).endsWith(tt).allMatch(t -> !t.isAfter(r.sentAt()));
        assertThat(r.values()).filteredOn(v -> !v.spec().mnemonic().equals("DRP"))
                .extracting(v -> v.spec().mnemonic(), Report.Value::value)
                .containsExactly(tuple("PT", 2.0), tuple("PJ", 1.0), tuple("P1", 1.0), tuple("VT", 12.09));
        Exchange e = exchange(ADDED_RAIN, "0012345678", 0x1234, LocalDateTime.of(2014, 6, 12, 2, 15, 25),
                Markers.EOT);
        assertThat(e.reply()).isEqualTo(ADDED_RAIN_ACK);
    }

    /** Sent at 11:00 with TT 10:05: the 12 levels are 10:05 to 11:00, the first at the observation time. */
    @Test
    void theEvenPeriodReportGivesOneElementEveryTimeStep() throws Exception {
        Report r = ReportParser.parse(upFrame(EVEN_PERIOD, 5, "0011223344", 0x03E8, FunctionCodes.EVEN_PERIOD));
        assertThat(r.serial()).isEqualTo(0x31);
        assertThat(r.unknown()).isEmpty();
        LocalDateTime tt = LocalDateTime.of(2017, 7, 18, 10, 5);
        Double none = null;
        assertThat(r.values()).allMatch(v -> v.spec().channel().equals("water_level"))
                .extracting(Report.Value::observedAt, Report.Value::value)
                .containsExactly(tuple(tt, 0.122), tuple(tt.plusMinutes(5), 0.122), tuple(tt.plusMinutes(10), 0.285),
                        tuple(tt.plusMinutes(15), 10.49), tuple(tt.plusMinutes(20), 10.49),
                        tuple(tt.plusMinutes(25), none), tuple(tt.plusMinutes(30), none),
                        tuple(tt.plusMinutes(35), none), tuple(tt.plusMinutes(40), none),
                        tuple(tt.plusMinutes(45), none), tuple(tt.plusMinutes(50), 10.49),
                        tuple(tt.plusMinutes(55), 10.49));
        Exchange e = exchange(EVEN_PERIOD, "0011223344", 0x03E8, LocalDateTime.of(2017, 7, 18, 11, 0, 5),
                Markers.ESC);
        assertThat(e.reply()).isEqualTo(EVEN_PERIOD_ACK);
    }

    @Test
    void queriedSeriesGiveTheirValuesAndNone() throws Exception {
        Report rain = ReportParser.parse(upFrame(QUERIED_RAIN, 5, "0011223344", 0x03E8, 0x3A));
        Double none = null;
        assertThat(rain.values()).extracting(Report.Value::value).containsExactly(0.5, 0.0, 0.0, 0.0, 2.0, none,
                none, none, none, none, 0.0, 0.0);
        Report levels = ReportParser.parse(upFrame(QUERIED_LEVELS, 5, "0011223344", 0x03E8, 0x3A));
        assertThat(levels.values()).extracting(Report.Value::value).containsExactly(0.12, 0.12, 0.28, 0.49, 0.49,
                none, none, none, none, none, 0.49, 0.49);
    }

    @Test
    void aChangedByteFailsTheCrc() {
        byte[] bad = HEX.parseHex(TEST_REPORT);
        bad[40] ^= 0x01;
        assertThatThrownBy(() -> FrameCodec.decode(bad)).isInstanceOf(FrameException.class)
                .hasMessageContaining("CRC 20FA")
                .extracting(e -> ((FrameException) e).kind()).isEqualTo(FrameException.Kind.BAD_CRC);
    }

    @Test
    void aCutFrameIsTruncated() {
        byte[] whole = HEX.parseHex(TEST_REPORT);
        assertThatThrownBy(() -> FrameCodec.decode(java.util.Arrays.copyOf(whole, 30)))
                .extracting(e -> ((FrameException) e).kind()).isEqualTo(FrameException.Kind.TRUNCATED);
    }

    /** What the centre answers to {@code report}, and the readings it delivers, its clock at {@code centreTime}. */
    private record Exchange(String reply, List<Reading> delivered) {
    }

    private Exchange exchange(String report, String station, int password, LocalDateTime centreTime, int ackEnd) {
        var registry = new StationRegistry();
        registry.put(new Station(station, password));
        List<Reading> delivered = new ArrayList<>();
        var handler = new MessageHandler("62001200", BEIJING, ackEnd, registry,
                new IntervalLedger(dir.resolve("ledger")), (s, batch) -> delivered.addAll(batch), new Counters(),
                Clock.fixed(centreTime.atZone(BEIJING).toInstant(), ZoneOffset.UTC));
        byte[] reply = handler.handle(HEX.parseHex(report), "test").orElseThrow();
        assertThat(delivered).allSatisfy(reading -> assertThat(reading.channel())
                .startsWith("62001200/" + station + "/"));
        return new Exchange(HEX.formatHex(reply), delivered);
    }

    private String acknowledge(String report, String station, int password, LocalDateTime centreTime) {
        Exchange e = exchange(report, station, password, centreTime, Markers.ESC);
        assertThat(e.delivered()).hasSize(4);
        return e.reply();
    }
}
