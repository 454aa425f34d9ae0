package io.weir.meterbus.internal;

import java.io.IOException;

/**
 * A half-duplex byte link to the meters of one RS-485 line: the gateway's own serial port, or a serial device
 * server that passes the line's bytes through TCP unchanged. Used only from its line's thread.
 */
interface Link extends AutoCloseable {

    /** Opens the link if it is not open. */
    void open() throws IOException;

    void write(byte[] frame) throws IOException;

    /** Reads what has arrived, waiting up to {@code timeoutMillis} for the first byte; 0 when nothing came. */
    int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException;

    /** Drops what is waiting to be read: the tail of an answer that came too late must not be taken for the next. */
    void discardInput() throws IOException;

    @Override
    void close();

    String describe();
}
