package io.weir.api;

import java.util.Objects;

/**
 * Who took an alarm, carried by its {@link AlarmTransition#ACKNOWLEDGED} event so the cloud knows whether the
 * siren was silenced on site or the case platform took the case. Since 1.4.
 *
 * @param by     what acknowledged it: {@code console} (the station page or the local API), {@code county-case}
 *               (the case platform, through the cloud's {@code cmd/alarm-ack}), or another short name
 * @param from   where from: the console client's address, the case id and its status; may be empty
 * @param onSite true when someone at the station acknowledged it (the local console), false when it came from the
 *               cloud
 */
public record Acknowledgement(String by, String from, boolean onSite) {

    public Acknowledgement {
        Objects.requireNonNull(by, "by");
        from = from == null ? "" : from;
    }

    /** For the log: {@code console from 192.168.1.20 (on site)}. */
    @Override
    public String toString() {
        return by + (from.isEmpty() ? "" : " from " + from) + (onSite ? " (on site)" : "");
    }
}
