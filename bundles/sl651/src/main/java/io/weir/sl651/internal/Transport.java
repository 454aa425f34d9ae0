package io.weir.sl651.internal;

/** How this station reaches a centre: SL 651-2014 frames travel over either. */
enum Transport {
    /** One connection, kept open; frames cut out of the byte stream by their headers. */
    TCP,
    /** One frame a datagram, each way; the centre answers to the address the station sent from. */
    UDP
}
