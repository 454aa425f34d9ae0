package io.weir.uplink.internal;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

/**
 * Asks a broker, over a socket the test opened, whether it would accept an MQTT session: a well-formed CONNECT
 * must get a CONNACK. A refusal test pairs it with a control that does get one, so it cannot pass by accident.
 */
final class MqttProbe {

    /** A well-formed MQTT 3.1.1 CONNECT (clean session, keep-alive 30 s, client id "probe"). */
    private static final byte[] CONNECT = {0x10, 0x11, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x1e,
            0x00, 0x05, 'p', 'r', 'o', 'b', 'e'};
    static final int CONNACK = 0x20;

    private MqttProbe() {
    }

    /** Sends a CONNECT and returns the first byte of the answer: 0x20 is a CONNACK, -1 a closed or reset socket. */
    static int answerToConnect(Socket socket) {
        try {
            socket.setSoTimeout(10_000);
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
            }
            socket.getOutputStream().write(CONNECT);
            socket.getOutputStream().flush();
            return socket.getInputStream().read();
        } catch (IOException e) {
            // TLS 1.3 reports a refused client certificate on the first read rather than in the handshake.
            return -1;
        }
    }
}
