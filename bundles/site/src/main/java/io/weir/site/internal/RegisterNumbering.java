package io.weir.site.internal;

/** How a manual prints register numbers; profiles keep the manual's numbers so they can be checked against it. */
enum RegisterNumbering {
    /** The manual prints protocol addresses: register 0 is address 0. */
    ZERO_BASED("zero-based", 0),
    /** The manual numbers registers from 1: register 1 is address 0. */
    ONE_BASED("one-based", 1);

    /** The highest protocol address (16 bits). */
    static final int MAX_ADDRESS = 65535;

    private final String text;
    private final int first;

    RegisterNumbering(String text, int first) {
        this.text = text;
        this.first = first;
    }

    /** As written in a profile. */
    String text() {
        return text;
    }

    /** The lowest register number the manual can print. */
    int first() {
        return first;
    }

    /** The highest register number the manual can print. */
    int last() {
        return MAX_ADDRESS + first;
    }

    /** The zero-based protocol address of a register as the manual numbers it. */
    int toAddress(int register) {
        return register - first;
    }
}
