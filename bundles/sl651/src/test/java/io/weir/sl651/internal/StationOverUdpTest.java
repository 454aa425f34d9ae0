package io.weir.sl651.internal;

import static io.weir.sl651.internal.ReporterConfigs.LEVEL;
import static io.weir.sl651.internal.ReporterConfigs.RAIN;
import static io.weir.sl651.internal.ReporterConfigs.STATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.Reading;

/**
 * The station side over UDP, against a centre that is a plain DatagramSocket in the test: every report is one
 * datagram holding one whole frame; a report the centre does not acknowledge is sent again; the acknowledgement and
 * the centre's own requests arrive as datagrams.
 */
class StationOverUdpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-18T00:55:00Z")); // 08:55 Beijing
    private DatagramSocket centre;
    private ReporterComponent reporter;

    @BeforeEach
    void bind() throws Exception {
        centre = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        centre.setSoTimeout((int) PATIENCE.toMillis());
    }

    @AfterEach
    void close() {
        if (reporter != null) {
            reporter.stop();
        }
        centre.close();
    }

    @Test
    void eachReportIsOneDatagramAndAnUnacknowledgedOneComesAgain() throws Exception {
        reporter = reporter("udp");
        reporter.tick();
        reporter.onReadings(List.of(Reading.good(RAIN, Instant.parse("2026-07-18T00:58:00Z"), 0.5, "mm"),
                Reading.good(LEVEL, Instant.parse("2026-07-18T00:59:00Z"), 3.215, "m")));
        clock.advance(Duration.ofMinutes(5)); // 09:00: added, timed and hourly reports
        reporter.tick();

        DatagramPacket first = receive();
        Frame added = FrameCodec.decode(bytes(first)); // the whole datagram is exactly one frame
        assertThat(added.function()).isEqualTo(FunctionCodes.ADDED);
        int serial = ReportParser.header(added).serial();
        // not acknowledged: the same report comes again, after the acknowledgement time and the back-off, from a
        // new socket; the centre answers where it came from
        DatagramPacket second = receive();
        Frame again = FrameCodec.decode(bytes(second));
        assertThat(again.function()).isEqualTo(FunctionCodes.ADDED);
        assertThat(ReportParser.header(again).serial()).isEqualTo(serial);
        assertThat(reporter.outbox().waiting(0)).isEqualTo(3);
        acknowledge(again, second.getSocketAddress());

        for (int function : new int[] {FunctionCodes.TIMED, FunctionCodes.HOURLY}) {
            DatagramPacket p = receive();
            Frame f = FrameCodec.decode(bytes(p));
            assertThat(f.function()).isEqualTo(function);
            acknowledge(f, p.getSocketAddress());
        }
        await("every report acknowledged").atMost(PATIENCE).until(() -> reporter.outbox().waiting(0) == 0);
    }

    @Test
    void theCentresQueryArrivesAsADatagramAndIsAnsweredInOne() throws Exception {
        reporter = reporter("ascii udp");
        reporter.onReadings(List.of(Reading.good(LEVEL, clock.instant(), 2.5, "m")));
        reporter.tick();
        clock.advance(Duration.ofMinutes(5)); // 09:00: a timed and an hourly report tell the centre where we are
        reporter.tick();
        DatagramPacket report = receive();
        SocketAddress station = report.getSocketAddress();
        acknowledge(FrameCodec.decode(bytes(report)), station);
        acknowledge(FrameCodec.decode(bytes(receive())), station);

        send(new Frame(Encoding.ASCII, true, 1, STATION, 0x1234, FunctionCodes.QUERY_REALTIME, 0, 0,
                new ReportBody(Encoding.ASCII, 77, LocalDateTime.of(2026, 7, 18, 9, 0, 30)).bytes(), Markers.ENQ),
                station);
        Frame answer = FrameCodec.decode(bytes(receive()));
        assertThat(answer.encoding()).isEqualTo(Encoding.ASCII);
        assertThat(answer.function()).isEqualTo(FunctionCodes.QUERY_REALTIME);
        Report r = ReportParser.parse(answer);
        assertThat(r.serial()).isEqualTo(77);
        assertThat(r.values()).extracting(v -> v.spec().mnemonic(), Report.Value::value)
                .containsExactly(tuple("Z", 2.5));

        // the clock query (51H) is answered with our time and the station's address, and the difference kept
        send(new Frame(Encoding.ASCII, true, 1, STATION, 0x1234, FunctionCodes.QUERY_CLOCK, 0, 0,
                new ReportBody(Encoding.ASCII, 78, LocalDateTime.of(2026, 7, 18, 8, 59, 50)).bytes(), Markers.ENQ),
                station);
        Frame clockAnswer = FrameCodec.decode(bytes(receive()));
        assertThat(clockAnswer.function()).isEqualTo(FunctionCodes.QUERY_CLOCK);
        assertThat(new String(clockAnswer.body(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("004E260718090000 ST " + STATION);
        assertThat(reporter.links().get(0).clockCheck()).get()
                .extracting(CentreLink.ClockCheck::centreAheadSeconds).isEqualTo(-10L);
    }

    @Test
    void aLongReportAndAPeriodAnswerComeAsPacketsEachOneDatagram() throws Exception {
        reporter = new ReporterComponent(ReporterConfigs.of(List.of("1@127.0.0.1:" + centre.getLocalPort() + " udp")),
                dir, clock, 40); // a packet limit low enough that the hourly report needs two
        reporter.start();
        reporter.onReadings(List.of(Reading.good(LEVEL, clock.instant(), 2.5, "m")));
        reporter.tick();
        clock.advance(Duration.ofMinutes(5)); // 09:00: a timed and an hourly report
        reporter.tick();
        var assembler = new PacketAssembler(clock);
        Message timed = receiveMessage(assembler);
        assertThat(timed.packets()).isEqualTo(1);
        acknowledge(timed.frame(), timed.from());
        Message hourly = receiveMessage(assembler);
        assertThat(hourly.frame().function()).isEqualTo(FunctionCodes.HOURLY);
        assertThat(hourly.packets()).isEqualTo(2);
        assertThat(ReportParser.parse(hourly.frame()).values()).extracting(v -> v.spec().mnemonic(),
                Report.Value::value).contains(tuple("Z", 2.5));
        acknowledge(hourly.frame(), hourly.from());
        await("both reports acknowledged").atMost(PATIENCE).until(() -> reporter.outbox().waiting(0) == 0);

        var query = new java.io.ByteArrayOutputStream();
        query.writeBytes(new ReportBody(Encoding.HEX, 90, LocalDateTime.of(2026, 7, 18, 9, 1)).bytes());
        query.writeBytes(HexFormat.of().parseHex("26071808" + "26071809" + "0418000005" + "3920"));
        send(new Frame(Encoding.HEX, true, 1, STATION, 0x1234, FunctionCodes.QUERY_PERIOD, 0, 0, query.toByteArray(),
                Markers.ENQ), hourly.from());
        Message answer = receiveMessage(assembler);
        assertThat(answer.frame().function()).isEqualTo(FunctionCodes.QUERY_PERIOD);
        assertThat(answer.packets()).isGreaterThan(1);
        byte[] body = answer.frame().body();
        assertThat(ReportParser.header(answer.frame()).serial()).isEqualTo(90);
        assertThat(body).hasSize(30 + 13 * 4); // 08:00 .. 09:00 every 5 minutes, 4 bytes each
        assertThat(HexFormat.of().formatHex(body, 23, 30)).isEqualTo("04180000053923"); // step, then Z: 4 bytes, 3 decimals
        assertThat(HexFormat.of().formatHex(body, 30 + 11 * 4, body.length)).isEqualTo("ffffffff" + "00002500");
    }

    private record Message(Frame frame, int packets, SocketAddress from) {
    }

    /** The next whole message: one datagram, or the datagrams of its packets put back together. */
    private Message receiveMessage(PacketAssembler assembler) throws Exception {
        int packets = 0;
        while (true) {
            DatagramPacket p = receive();
            Frame f = FrameCodec.decode(bytes(p));
            packets++;
            if (!f.multiPacket()) {
                return new Message(f, packets, p.getSocketAddress());
            }
            var whole = assembler.add(f);
            if (whole.isPresent()) {
                return new Message(whole.get(), packets, p.getSocketAddress());
            }
        }
    }

    private ReporterComponent reporter(String options) throws Exception {
        var r = new ReporterComponent(ReporterConfigs.of(List.of("1@127.0.0.1:" + centre.getLocalPort() + " " + options)), dir, clock);
        r.start();
        return r;
    }

    private DatagramPacket receive() throws Exception {
        var p = new DatagramPacket(new byte[8192], 8192);
        centre.receive(p);
        return p;
    }

    private static byte[] bytes(DatagramPacket p) {
        return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
    }

    /** The centre's acknowledgement: same function and serial number, the centre's time, end marker ESC. */
    private void acknowledge(Frame report, SocketAddress to) throws Exception {
        send(new Frame(report.encoding(), true, report.centre(), report.station(), report.password(),
                report.function(), 0, 0, new ReportBody(report.encoding(), ReportParser.header(report).serial(),
                LocalDateTime.of(2026, 7, 18, 9, 0, 5)).bytes(), Markers.ESC), to);
    }

    private void send(Frame frame, SocketAddress to) throws Exception {
        byte[] b = FrameCodec.encode(frame);
        centre.send(new DatagramPacket(b, b.length, to));
    }
}
