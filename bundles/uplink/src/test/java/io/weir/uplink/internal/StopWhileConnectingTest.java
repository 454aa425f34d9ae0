package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.weir.api.SiteInfo;
import io.weir.testing.TcpServer;

/**
 * A gateway told to stop while its broker has not yet answered its CONNECT (a slow link, a broker under load, the
 * uplink reconfigured right after it started). If the connect were left to complete behind the closed client, the
 * broker would hold a connection in the gateway's name that no one disconnects, and publish its last will
 * ("connection-lost", retained) when the process ends, over the clean death. The broker here is a socket that
 * reads the CONNECT and answers it only once the uplink has stopped.
 */
class StopWhileConnectingTest {

    private static final SiteInfo SITE = new SiteInfo("gw-slow", "62001200", "Yuxi River Station", 30.27, 120.15);
    private static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};

    @Test
    void aConnectInFlightAtStopIsHungUpAndNeverBecomesAConnection() throws Exception {
        var connectSeen = new CountDownLatch(1);
        var stopped = new CountDownLatch(1);
        var afterAnswer = new AtomicReference<String>(); // what the gateway did once answered
        try (var broker = TcpServer.start("slow-broker", true, socket -> {
            InputStream in = socket.getInputStream();
            readPacket(in); // the CONNECT
            connectSeen.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            afterAnswer.set(answerThenWatch(socket, in));
        })) {
            var uplink = new MqttUplink(SITE, new FakeStore(), new UplinkOptions("tcp://127.0.0.1:" + broker.port(),
                    "", new char[0], List.of(), 4, 100, 30, Duration.ofSeconds(1)), Map.of(), Clock.systemUTC());
            assertThat(connectSeen.await(60, TimeUnit.SECONDS)).as("the gateway's CONNECT").isTrue();
            uplink.stop();
            stopped.countDown();

            await("the gateway's side of the connection").atMost(Duration.ofSeconds(60))
                    .until(() -> afterAnswer.get() != null);
            assertThat(afterAnswer.get()).isEqualTo("hung up, nothing sent");
        }
    }

    /** Accepts the CONNECT late, then reports whether the gateway hung up or sent something (a birth, a ping). */
    private static String answerThenWatch(Socket socket, InputStream in) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(CONNACK_ACCEPTED);
            out.flush();
            int first = in.read();
            return first < 0 ? "hung up, nothing sent" : "sent a packet of type " + (first >> 4);
        } catch (IOException e) {
            return "hung up, nothing sent"; // reset: the gateway's socket was closed before the answer came
        }
    }

    /** One MQTT packet: fixed header, remaining length (variable-length integer), body. */
    private static byte[] readPacket(InputStream in) throws IOException {
        var packet = new ByteArrayOutputStream();
        packet.write(in.read());
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside a packet header");
            }
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        packet.write(in.readNBytes(length));
        return packet.toByteArray();
    }
}
