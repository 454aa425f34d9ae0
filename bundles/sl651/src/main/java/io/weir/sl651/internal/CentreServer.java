package io.weir.sl651.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The centre's network side: one selector thread accepts and reads TCP connections (and UDP datagrams, when a UDP
 * port is set), cuts frames out of each stream and hands them to a small worker pool, in order per connection. A
 * worker may wait on the store's commit without holding up reading. Connections beyond {@code maxConnections} are
 * closed at once and counted; a connection silent for {@code idleTimeout} is closed.
 */
final class CentreServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CentreServer.class);
    /** Frames one connection may have waiting for a worker; a real station waits for each acknowledgement. */
    private static final int MAX_QUEUED = 64;

    private final CentreOptions options;
    private final MessageHandler handler;
    private final Counters counters;
    private final ExecutorService workers;
    private final Selector selector;
    private final ServerSocketChannel tcp;
    private final DatagramChannel udp;
    private final Thread loop;
    private final AtomicInteger open = new AtomicInteger();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);
    private volatile boolean running = true;

    /** One station's TCP connection: its frames are handled one after another. */
    private final class Connection {
        final SocketChannel channel;
        final String peer;
        final FrameScanner scanner = new FrameScanner();
        final ConcurrentLinkedQueue<byte[]> frames = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        volatile long lastHeard = System.nanoTime();

        Connection(SocketChannel channel, String peer) {
            this.channel = channel;
            this.peer = peer;
        }

        void submit(byte[] frame) {
            if (frames.size() >= MAX_QUEUED) {
                long n = counters.malformed.incrementAndGet();
                if (LogThrottle.worthLogging(n)) {
                    LOG.warn("sl651 connection {}: more than {} frames waiting; dropped one (#{})", peer, MAX_QUEUED, n);
                }
                return; // a station flooding frames cannot take the centre's memory; its reports come again
            }
            frames.add(frame);
            if (draining.compareAndSet(false, true)) {
                workers.execute(this::drain);
            }
        }

        private void drain() {
            try {
                for (byte[] f = frames.poll(); f != null; f = frames.poll()) {
                    handler.handle(f, peer).ifPresent(this::send);
                }
            } catch (RuntimeException e) {
                LOG.error("sl651 connection {}: handling a frame failed", peer, e);
            } finally {
                draining.set(false);
                if (!frames.isEmpty() && draining.compareAndSet(false, true)) {
                    workers.execute(this::drain);
                }
            }
        }

        private void send(byte[] reply) {
            ByteBuffer out = ByteBuffer.wrap(reply);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                synchronized (this) {
                    while (out.hasRemaining() && System.nanoTime() < deadline) {
                        if (channel.write(out) == 0) {
                            LockSupport.parkNanos(1_000_000);
                        }
                    }
                }
                if (out.hasRemaining()) {
                    LOG.warn("sl651 connection {}: the station does not read; closing", peer);
                    channel.close();
                }
            } catch (IOException e) {
                LOG.info("sl651 connection {}: answer not sent: {}", peer, e.getMessage());
            }
        }
    }

    CentreServer(CentreOptions options, MessageHandler handler, Counters counters, ExecutorService workers)
            throws IOException {
        this.options = options;
        this.handler = handler;
        this.counters = counters;
        this.workers = workers;
        this.selector = Selector.open();
        try {
            tcp = ServerSocketChannel.open();
            tcp.bind(address(options.port()), 1024);
            tcp.configureBlocking(false);
            tcp.register(selector, SelectionKey.OP_ACCEPT);
            if (options.udpPort() >= 0) {
                udp = DatagramChannel.open();
                udp.bind(address(options.udpPort()));
                udp.configureBlocking(false);
                udp.register(selector, SelectionKey.OP_READ);
            } else {
                udp = null;
            }
        } catch (IOException e) {
            selector.close();
            throw new IOException("sl651 centre cannot listen on port " + options.port()
                    + (options.udpPort() >= 0 ? " (UDP " + options.udpPort() + ")" : "") + ": " + e.getMessage(), e);
        }
        loop = new Thread(this::run, "weir-sl651-centre");
        loop.setDaemon(true);
    }

    private InetSocketAddress address(int port) {
        return options.bindAddress().isEmpty() ? new InetSocketAddress(port)
                : new InetSocketAddress(options.bindAddress(), port);
    }

    void start() {
        loop.start();
        LOG.info("sl651 centre listening on TCP {}{}", tcpPort(), udp == null ? "" : " and UDP " + udpPort());
    }

    int tcpPort() {
        return tcp.socket().getLocalPort();
    }

    int udpPort() {
        return udp == null ? -1 : udp.socket().getLocalPort();
    }

    int openConnections() {
        return open.get();
    }

    private void run() {
        long idleNanos = options.idleTimeout().toNanos();
        long nextIdleCheck = System.nanoTime();
        try {
            while (running) {
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            accept();
                        } else if (key.channel() == udp) {
                            datagram();
                        } else if (key.isReadable()) {
                            read(key);
                        }
                    } catch (IOException e) {
                        close(key);
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() >= nextIdleCheck) {
                    closeIdle(idleNanos);
                    nextIdleCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
            }
        } catch (ClosedSelectorException e) {
            // stopping
        } catch (IOException | RuntimeException e) {
            LOG.error("sl651 centre stopped listening", e);
        }
    }

    private void accept() throws IOException {
        for (SocketChannel c = tcp.accept(); c != null; c = tcp.accept()) {
            if (open.get() >= options.maxConnections()) {
                long n = counters.connectionsRefused.incrementAndGet();
                if (LogThrottle.worthLogging(n)) {
                    LOG.warn("sl651 centre: connection from {} refused: {} connections open, the limit (#{})",
                            c.getRemoteAddress(), open.get(), n);
                }
                c.close();
                continue;
            }
            c.configureBlocking(false);
            c.socket().setTcpNoDelay(true);
            open.incrementAndGet();
            c.register(selector, SelectionKey.OP_READ, new Connection(c, String.valueOf(c.getRemoteAddress())));
        }
    }

    private void read(SelectionKey key) throws IOException {
        Connection connection = (Connection) key.attachment();
        readBuffer.clear();
        int n = connection.channel.read(readBuffer);
        if (n < 0) {
            close(key);
            return;
        }
        connection.lastHeard = System.nanoTime();
        for (byte[] frame : connection.scanner.add(readBuffer.array(), 0, n)) {
            connection.submit(frame);
        }
        long noise = connection.scanner.takeNoise();
        if (noise > 0) {
            long total = counters.malformed.incrementAndGet();
            if (LogThrottle.worthLogging(total)) {
                LOG.warn("sl651 connection {}: dropped {} bytes that start no frame (#{})", connection.peer, noise,
                        total);
            }
        }
    }

    private void datagram() throws IOException {
        readBuffer.clear();
        SocketAddress from = udp.receive(readBuffer);
        if (from == null) {
            return;
        }
        byte[] frame = java.util.Arrays.copyOf(readBuffer.array(), readBuffer.position());
        workers.execute(() -> {
            Optional<byte[]> reply = handler.handle(frame, "udp " + from);
            reply.ifPresent(r -> {
                try {
                    udp.send(ByteBuffer.wrap(r), from);
                } catch (IOException e) {
                    LOG.info("sl651 UDP answer to {} not sent: {}", from, e.getMessage());
                }
            });
        });
    }

    private void closeIdle(long idleNanos) {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && now - c.lastHeard > idleNanos) {
                counters.connectionsIdleClosed.incrementAndGet();
                LOG.info("sl651 connection {} silent for {}; closed", c.peer, options.idleTimeout());
                close(key);
            }
        }
    }

    private void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // already gone
        }
        if (key.attachment() instanceof Connection) {
            open.decrementAndGet();
        }
    }

    /** Stops the selector thread, then closes every channel from this one, once nothing else touches them. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            LOG.warn("sl651 centre: closing: {}", e.getMessage());
        }
    }
}
