package io.weir.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

class TcpProxyTest {

    /** A server that answers each byte with the same byte. */
    private static TcpServer echo() throws IOException {
        return TcpServer.start("echo", true, client -> client.getInputStream().transferTo(client.getOutputStream()));
    }

    private static int roundTrip(Socket socket, int value) throws IOException {
        socket.getOutputStream().write(value);
        return socket.getInputStream().read();
    }

    private static Socket connect(int port) throws IOException {
        var socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Patience.LOCAL.toMillis());
        return socket;
    }

    @Test
    void relaysCutsTurnsAwayAndLetsInAgainOnTheSamePort() throws IOException {
        try (var echo = echo(); var proxy = new TcpProxy(echo.port())) {
            try (var first = connect(proxy.port())) {
                assertThat(roundTrip(first, 7)).isEqualTo(7);

                proxy.accepting(false);
                proxy.cutAll();

                assertThat(roundTrip(first, 8)).as("cut").isEqualTo(-1);
            }
            assertThatThrownBy(() -> connect(proxy.port()).close()).as("refused").isInstanceOf(ConnectException.class);
            proxy.accepting(true);
            try (var again = connect(proxy.port())) {
                assertThat(roundTrip(again, 9)).isEqualTo(9);
            }
        }
    }

    @Test
    void hangsUpOnNewConnectionsWhenToldAndCountsEveryConnection() throws IOException {
        try (var echo = echo(); var proxy = new TcpProxy(echo.port())) {
            proxy.hangingUp(true);
            try (var dropped = connect(proxy.port())) {
                assertThat(dropped.getInputStream().read()).as("hung up").isEqualTo(-1);
            }
            proxy.hangingUp(false);
            try (var relayed = connect(proxy.port())) {
                assertThat(roundTrip(relayed, 5)).isEqualTo(5);
            }
            assertThat(proxy.connections()).isEqualTo(2);
        }
    }

    @Test
    void aProxyWithoutATargetHoldsItsPortUntilGivenOne() throws IOException {
        try (var proxy = new TcpProxy(); var echo = echo()) {
            assertThatThrownBy(() -> connect(proxy.port()).close()).isInstanceOf(ConnectException.class);
            proxy.forwardTo(echo.port());
            proxy.accepting(true);
            try (var socket = connect(proxy.port())) {
                assertThat(roundTrip(socket, 42)).isEqualTo(42);
            }
        }
    }

    @Test
    void aRefusingPortRefusesAndIsHeld() throws IOException {
        try (var nowhere = Ports.refusing()) {
            assertThatThrownBy(() -> connect(nowhere.getLocalPort()).close()).isInstanceOf(ConnectException.class);
        }
    }
}
