package io.weir.sl651.internal;

/** The two encodings of SL 651-2014 frames; an RTU uses one, and the centre answers in the same. */
enum Encoding {
    /** Binary: header fields and element values in HEX and packed BCD; starts 7E 7E. */
    HEX,
    /** Printable: header fields as hexadecimal text, elements as mnemonics and decimal text; starts with SOH. */
    ASCII
}
