package io.weir.uplink.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Paho whose sockets hand it an {@link MqttPacketLimiter} in place of the raw input stream:
 * the only place where the size of a packet from the broker can be checked before Paho allocates it.
 */
final class LimitedSockets {

    private LimitedSockets() {
    }

    /** For tcp:// (Paho refuses an SSLSocketFactory there). */
    static SocketFactory plain(int maxPacket, MqttPacketLimiter.Listener listener) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    private InputStream limited;

                    @Override
                    public synchronized InputStream getInputStream() throws IOException {
                        if (limited == null) {
                            limited = MqttPacketLimiter.over(super.getInputStream(), maxPacket, listener);
                        }
                        return limited;
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(createSocket(), host, port);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return connected(createSocket(), host, port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return connected(createSocket(), host.getHostAddress(), port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                    throws IOException {
                return connected(createSocket(), host.getHostAddress(), port);
            }
        };
    }

    /** For ssl://: the TLS socket of {@code tls}, its decrypted stream limited. */
    static SSLSocketFactory tls(SSLSocketFactory tls, int maxPacket, MqttPacketLimiter.Listener listener) {
        return new SSLSocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return new LimitedSslSocket((SSLSocket) tls.createSocket(), maxPacket, listener);
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return new LimitedSslSocket((SSLSocket) tls.createSocket(s, host, port, autoClose), maxPacket,
                        listener);
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(createSocket(), host, port);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return connected(createSocket(), host, port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return connected(createSocket(), host.getHostAddress(), port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                    throws IOException {
                return connected(createSocket(), host.getHostAddress(), port);
            }

            @Override
            public String[] getDefaultCipherSuites() {
                return tls.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return tls.getSupportedCipherSuites();
            }
        };
    }

    private static Socket connected(Socket socket, String host, int port) throws IOException {
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }
}
