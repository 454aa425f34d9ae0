package io.weir.sl651.internal;

import java.io.IOException;
import java.time.Duration;

/** Whole frames to and from one centre, over its transport; used by one thread, closed from any. */
interface CentreWire extends AutoCloseable {

    static CentreWire open(CentreLink.Target target) throws IOException {
        return target.transport() == Transport.TCP ? TcpWire.connect(target) : UdpWire.open(target);
    }

    void send(byte[] frame) throws IOException;

    /** The next whole frame from the centre (not yet checked), or null when none came within {@code wait}. */
    byte[] receive(Duration wait) throws IOException;

    @Override
    void close();
}
