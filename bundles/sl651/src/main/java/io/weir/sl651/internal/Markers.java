package io.weir.sl651.internal;

/** The control characters that frame an SL 651 message body. */
final class Markers {

    static final int SOH_HEX = 0x7E;
    static final int SOH_ASCII = 0x01;
    /** Body of a single-packet message follows. */
    static final int STX = 0x02;
    /** Body of one packet of a multi-packet message follows, after the packet count and number. */
    static final int SYN = 0x16;
    /** End of the message, nothing follows. */
    static final int ETX = 0x03;
    /** End of a packet, more packets follow. */
    static final int ETB = 0x17;
    /** Centre to station: request. */
    static final int ENQ = 0x05;
    /** Centre to station: confirmed, leave the link. */
    static final int EOT = 0x04;
    /** Centre to station: confirmed (multi-packet: all packets received). */
    static final int ACK = 0x06;
    /** Centre to station: not received, send again. */
    static final int NAK = 0x15;
    /** Centre to station: confirmed, stay on line. */
    static final int ESC = 0x1B;

    private Markers() {
    }
}
