package io.weir.clock.internal;

/** One way of asking whether the system clock is synchronised: timesyncd, timedatectl, chrony, an NTP server. */
interface SyncProbe {

    /** What the source says. */
    enum Verdict {
        SYNCHRONISED, UNSYNCHRONISED,
        /** The source is not there or could not answer: the next source decides. */
        UNAVAILABLE
    }

    /** @param detail what the source said, for a technician */
    record Answer(Verdict verdict, String detail) {
    }

    /** The source's name in configuration, status and events, e.g. {@code timesyncd}. */
    String name();

    /** Asks the source; never throws, may take as long as the source's timeout. */
    Answer ask();
}
