package io.weir.sl651.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.Reading;
import io.weir.simulator.sl651.RtuFrames;
import io.weir.simulator.sl651.RtuReport;

/** A report split over two packets, a missing packet asked for again, and a report over UDP. */
class MultiPacketAndUdpTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private final StationRegistry registry = new StationRegistry();

    private MessageHandler handler() {
        registry.put(new Station("0012345678", 0x1234));
        return new MessageHandler("62001200", BEIJING, Markers.ESC, registry, new IntervalLedger(dir.resolve("l")),
                (s, batch) -> readings.addAll(batch), new Counters(), Clock.systemUTC());
    }

    private static List<byte[]> packets(byte[] body) {
        byte[] first = Arrays.copyOfRange(body, 0, 20);
        byte[] second = Arrays.copyOfRange(body, 20, body.length);
        var out = new ArrayList<byte[]>();
        out.add(FrameCodec.encode(new Frame(Encoding.HEX, false, 1, "0012345678", 0x1234, FunctionCodes.TEST, 2, 1,
                first, Markers.ETB)));
        out.add(FrameCodec.encode(new Frame(Encoding.HEX, false, 1, "0012345678", 0x1234, FunctionCodes.TEST, 2, 2,
                second, Markers.ETX)));
        return out;
    }

    private static byte[] testReportBody() throws Exception {
        return FrameCodec.decode(HexFormat.of().parseHex(PublishedFramesTest.TEST_REPORT)).body();
    }

    @Test
    void aReportInTwoPacketsIsHandledOnceBothAreIn() throws Exception {
        MessageHandler handler = handler();
        List<byte[]> packets = packets(testReportBody());
        assertThat(handler.handle(packets.get(0), "test")).isEmpty();
        byte[] reply = handler.handle(packets.get(1), "test").orElseThrow();
        assertThat(FrameCodec.decode(reply).end()).isEqualTo(Markers.ACK);
        assertThat(readings).extracting(Reading::channel).containsExactly("62001200/0012345678/rain_current",
                "62001200/0012345678/rain_total", "62001200/0012345678/water_level", "62001200/0012345678/voltage");
    }

    @Test
    void aMessageLongerThanOnePacketCanHoldIsTakenWhole() throws Exception {
        MessageHandler handler = handler();
        LocalDateTime first = LocalDateTime.of(2026, 7, 18, 0, 0);
        var report = new RtuReport(RtuFrames.Encoding.HEX, 9, first, "0012345678", 0x48, first);
        for (int minute = 0; minute < 600; minute++) { // a day's backlog: observation time, then the level
            LocalDateTime t = first.plusMinutes(minute);
            report.raw((byte) 0xF0, (byte) 0xF0, bcd(t.getYear() % 100), bcd(t.getMonthValue()), bcd(t.getDayOfMonth()),
                    bcd(t.getHour()), bcd(t.getMinute())).element(0x39, "Z", 10 + minute / 1000.0, 4, 3);
        }
        byte[] body = report.body();
        assertThat(body.length).isGreaterThan(Frame.MAX_BODY);
        var envelope = new PacketSplitter.Envelope(Encoding.HEX, false, 1, "0012345678", 0x1234, FunctionCodes.TIMED,
                Markers.ETX);
        List<Frame> packets = PacketSplitter.split(envelope, body, PacketSplitter.FRAME_BODY_LIMIT);
        assertThat(packets).hasSize(2);
        assertThat(handler.handle(FrameCodec.encode(packets.get(0)), "test")).isEmpty();
        byte[] reply = handler.handle(FrameCodec.encode(packets.get(1)), "test").orElseThrow();
        assertThat(FrameCodec.decode(reply).end()).isEqualTo(Markers.ACK);
        assertThat(readings).hasSize(600).extracting(Reading::channel).containsOnly("62001200/0012345678/water_level");
        assertThat(readings.get(599).value()).isEqualTo(10.599);
    }

    @Test
    void aPacketNumberedZeroIsRefusedAsMalformed() {
        byte[] frame = FrameCodec.encode(new Frame(Encoding.HEX, false, 1, "0012345678", 0x1234, FunctionCodes.TEST,
                2, 1, new byte[] {0, 1}, Markers.ETB));
        frame[14] = 0x00; // packet count 2, number 1 -> number 0: 00 20 01 -> 00 20 00
        frame[15] = 0x20;
        frame[16] = 0x00;
        int crc = Crc16.of(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) (crc >> 8);
        frame[frame.length - 1] = (byte) crc;
        assertThatThrownBy(() -> FrameCodec.decode(frame)).isInstanceOf(FrameException.class)
                .hasMessageContaining("packet 0 of 2 is impossible");
    }

    private static byte bcd(int n) {
        return (byte) ((n / 10) << 4 | n % 10);
    }

    @Test
    void aMissingPacketIsAskedForAgain() throws Exception {
        MessageHandler handler = handler();
        byte[] reply = handler.handle(packets(testReportBody()).get(1), "test").orElseThrow();
        Frame nak = FrameCodec.decode(reply);
        assertThat(nak.end()).isEqualTo(Markers.NAK);
        assertThat(nak.packetNumber()).isEqualTo(1);
        assertThat(readings).isEmpty();
    }

    @Test
    void aReportOverUdpIsAnsweredToItsSender() throws Exception {
        registry.put(new Station("0062001301", 0x1234));
        var options = new CentreOptions("62001200", "127.0.0.1", 0, 0, BEIJING, Markers.ESC, 10,
                Duration.ofMinutes(10), 1);
        var centre = new CentreComponent(options, registry, dir, Clock.systemUTC());
        centre.addReadingListener(readings::addAll);
        centre.start();
        try (var socket = new DatagramSocket()) {
            LocalDateTime t = LocalDateTime.of(2026, 7, 18, 9, 0);
            byte[] frame = RtuFrames.frame(RtuFrames.Encoding.HEX, 1, "0062001301", 0x1234, 0x32,
                    new RtuReport(RtuFrames.Encoding.HEX, 5, t, "0062001301", 0x50, t).element(0x26, "PT", 12.5, 3, 1)
                            .body(), RtuFrames.ETX);
            socket.setSoTimeout(30_000);
            socket.send(new DatagramPacket(frame, frame.length, new InetSocketAddress("127.0.0.1",
                    centre.udpPort())));
            var answer = new DatagramPacket(new byte[256], 256);
            socket.receive(answer);
            Frame ack = FrameCodec.decode(Arrays.copyOf(answer.getData(), answer.getLength()));
            assertThat(ack.down()).isTrue();
            assertThat(ack.end()).isEqualTo(Markers.ESC);
            assertThat(readings).extracting(r -> r.channel() + "=" + r.value())
                    .containsExactly("62001200/0062001301/rain_total=12.5");
        } finally {
            centre.stop();
        }
    }
}
