package io.weir.clock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;

import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;
import org.junit.jupiter.api.Test;

import io.weir.clock.internal.SyncProbe.Verdict;

/** The ntp source against a real NTP server on a loopback UDP port, whose clock is set apart from ours. */
class NtpProbeTest {

    /** Answers NTP requests with this machine's time shifted by {@code skewMillis}. */
    private static final class NtpServer implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;

        NtpServer(long skewMillis) throws SocketException {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(skewMillis), "test-ntp-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(long skewMillis) {
            byte[] buffer = new byte[1024];
            try {
                while (true) {
                    var received = new DatagramPacket(buffer, buffer.length);
                    socket.receive(received);
                    var request = new NtpV3Impl();
                    request.setDatagramPacket(received);
                    var reply = new NtpV3Impl();
                    reply.setMode(NtpV3Packet.MODE_SERVER);
                    reply.setVersion(NtpV3Packet.VERSION_3);
                    reply.setStratum(1);
                    reply.setOriginateTimeStamp(request.getTransmitTimeStamp());
                    TimeStamp now = TimeStamp.getNtpTime(System.currentTimeMillis() + skewMillis);
                    reply.setReferenceTime(now);
                    reply.setReceiveTimeStamp(now);
                    reply.setTransmitTime(now);
                    DatagramPacket out = reply.getDatagramPacket();
                    out.setSocketAddress(received.getSocketAddress());
                    socket.send(out);
                }
            } catch (Exception closed) {
                // the test is over
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static NtpProbe probe(int port) {
        return new NtpProbe("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    @Test
    void aClockThatAgreesWithTheServerIsSynchronised() throws Exception {
        try (var server = new NtpServer(0)) {
            SyncProbe.Answer answer = probe(server.port()).ask();
            assertThat(answer.verdict()).isEqualTo(Verdict.SYNCHRONISED);
            assertThat(answer.detail()).contains("from NTP server 127.0.0.1");
        }
    }

    @Test
    void aClockHoursBehindTheServerIsNot() throws Exception {
        try (var server = new NtpServer(Duration.ofHours(3).toMillis())) {
            SyncProbe.Answer answer = probe(server.port()).ask();
            assertThat(answer.verdict()).isEqualTo(Verdict.UNSYNCHRONISED);
            // whole seconds; the exchange itself may take a few hundred ms on a loaded machine
            assertThat(answer.detail()).containsPattern("offset \\+(3h|2h59m5\\ds) ").contains("more than 1000 ms");
        }
    }

    @Test
    void aServerThatDoesNotAnswerLeavesTheDecisionToTheNextSource() throws Exception {
        try (var silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            var probe = new NtpProbe("127.0.0.1", silent.getLocalPort(), Duration.ofSeconds(1),
                    Duration.ofMillis(300));
            assertThat(probe.ask().verdict()).isEqualTo(Verdict.UNAVAILABLE);
        }
    }
}
