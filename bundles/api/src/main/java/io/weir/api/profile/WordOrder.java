package io.weir.api.profile;

/**
 * Byte order of a 32-bit value across two registers, named by where bytes A (most significant) to D land:
 * ABCD is big-endian, CDAB swaps the words, BADC swaps bytes within words, DCBA is little-endian.
 */
public enum WordOrder {
    ABCD, CDAB, BADC, DCBA
}
