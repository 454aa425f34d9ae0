package io.weir.simulator.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker in this process, speaking MQTT 3.1, 3.1.1 and 5 on one plain TCP port, with anonymous access.
 *
 * <p>Backed by Apache ActiveMQ Artemis rather than Moquette: Moquette 0.17, the newest release on Maven Central,
 * refuses MQTT 5 CONNECTs, and the cloud adapter speaks MQTT 5. Nothing survives {@link #close()}: state is kept in
 * memory and the scratch directory the broker insists on having is deleted.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String ACCEPTOR = "mqtt";

    private final ActiveMQServer server;
    private final Path scratch;
    private final String host;
    private final int port;

    private EmbeddedBroker(ActiveMQServer server, Path scratch, String host, int port) {
        this.server = server;
        this.scratch = scratch;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts a broker listening on {@code host:port}; port 0 picks a free port, see {@link #port()}.
     *
     * @throws IllegalStateException if the broker cannot start, for example because the port is taken
     */
    public static EmbeddedBroker start(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        Path scratch = createScratch();
        ActiveMQServer server = null;
        boolean started = false;
        try {
            server = ActiveMQServers.newActiveMQServer(configuration(host, port, scratch), false);
            server.start();
            NettyAcceptor acceptor = (NettyAcceptor) server.getRemotingService().getAcceptor(ACCEPTOR);
            if (!server.isActive() || acceptor == null || !acceptor.isStarted()) {
                throw new IllegalStateException("MQTT broker could not listen on " + host + ":" + port);
            }
            EmbeddedBroker broker = new EmbeddedBroker(server, scratch, host, acceptor.getActualPort());
            started = true;
            LOG.info("MQTT broker (3.1.1 and 5) listening on {}", broker.url());
            return broker;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("MQTT broker could not start on " + host + ":" + port + ": " + e, e);
        } finally {
            // Also on an Error such as a class missing from a trimmed class path: no broker, no files left.
            if (!started) {
                if (server != null) {
                    stopQuietly(server);
                }
                ScratchDirectory.delete(scratch);
            }
        }
    }

    /** The TCP port the broker listens on (the real one when started with port 0). */
    public int port() {
        return port;
    }

    /** The URL MQTT clients connect to, such as {@code tcp://127.0.0.1:1883}. */
    public String url() {
        return "tcp://" + urlHost() + ":" + port;
    }

    /** Where the broker may write while it runs; tests check that it is gone after {@link #close()}. */
    Path scratchDirectory() {
        return scratch;
    }

    @Override
    public void close() {
        stopQuietly(server);
        ScratchDirectory.delete(scratch);
        LOG.info("MQTT broker on port {} stopped", port);
    }

    private String urlHost() {
        // An IPv6 literal needs brackets in a URL; a wildcard address is reachable through loopback.
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static Configuration configuration(String host, int port, Path scratch) {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("weir-simulator-broker");
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        // A test machine with a nearly full disk must not make the broker refuse publishes.
        config.setMaxDiskUsage(-1);
        // Under load on a small CI machine the analyzer's default reaction could stop the broker mid-test.
        config.setCriticalAnalyzer(false);
        config.setJournalDirectory(scratch.resolve("journal").toString());
        config.setBindingsDirectory(scratch.resolve("bindings").toString());
        config.setPagingDirectory(scratch.resolve("paging").toString());
        config.setLargeMessagesDirectory(scratch.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(scratch.resolve("lock").toString());
        config.addAddressSetting("#", mqttAddressSettings());
        try {
            // NIO only: no native transport libraries to load, and it behaves the same everywhere.
            config.addAcceptorConfiguration(ACCEPTOR, "tcp://" + acceptorHost(host) + ":" + port
                    + "?protocols=MQTT;useEpoll=false;useKQueue=false");
        } catch (Exception e) {
            throw new IllegalArgumentException("bad MQTT listen address " + host + ":" + port, e);
        }
        return config;
    }

    private static AddressSettings mqttAddressSettings() {
        AddressSettings settings = new AddressSettings();
        // MQTT redelivers an unacknowledged QoS 1 message until it is acknowledged; it never dead-letters it.
        settings.setMaxDeliveryAttempts(-1);
        // Named only so the broker does not warn about every queue; with unlimited attempts nothing goes there.
        settings.setDeadLetterAddress(SimpleString.of("DLA"));
        settings.setExpiryAddress(SimpleString.of("ExpiryQueue"));
        return settings;
    }

    private static String acceptorHost(String host) {
        if (host.isEmpty()) {
            return "0.0.0.0";
        }
        try {
            // Artemis parses the host out of a URI, which wants IPv6 literals in brackets.
            InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            String literal = address.getHostAddress();
            return literal.contains(":") ? "[" + literal + "]" : literal;
        } catch (IOException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }

    private static Path createScratch() {
        try {
            Path scratch = Files.createTempDirectory("weir-broker-");
            // For a JVM told to stop while the broker is still starting, before anyone could close it.
            scratch.toFile().deleteOnExit();
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's scratch directory", e);
        }
    }

    private static void stopQuietly(ActiveMQServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("MQTT broker did not stop cleanly", e);
        }
    }
}
