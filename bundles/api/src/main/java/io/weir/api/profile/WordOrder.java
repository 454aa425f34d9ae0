package io.weir.api.profile;

/**
 * Byte order of a 32-bit value across two registers, named by where bytes A (most significant) to D land:
 * ABCD is big-endian, CDAB swaps the words, BADC swaps bytes within words, DCBA is little-endian.
 *
 * <p>Each order is two independent choices, and that is how it carries over to 64-bit values (bytes A..H, A most
 * significant) in four registers:
 * <ul>
 * <li>word order: ABCD and BADC send the most significant register first, CDAB and DCBA the least significant
 *     first (all four registers reversed, not just the two halves);</li>
 * <li>byte order within each register: ABCD and CDAB send the high byte first, BADC and DCBA the low byte.</li>
 * </ul>
 * So on the wire, register by register: ABCD is AB CD EF GH (big-endian), CDAB is GH EF CD AB, BADC is BA DC FE HG,
 * DCBA is HG FE DC BA (little-endian). A device that swaps only the two 32-bit halves (EF GH AB CD) has none of
 * these orders; read it as two 32-bit points. Strings use only the byte choice: their registers are always in
 * address order.
 */
public enum WordOrder {
    ABCD, CDAB, BADC, DCBA;

    /** Whether the least significant register comes first. */
    public boolean lowWordFirst() {
        return this == CDAB || this == DCBA;
    }

    /** Whether each register carries its low byte first. */
    public boolean bytesSwapped() {
        return this == BADC || this == DCBA;
    }
}
