package io.weir.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Entry point for alarm acknowledgements, registered by the rules bundle. The uplink calls it when the cloud sends
 * {@code cmd/alarm-ack} (the case platform has taken the alarm); the local console may call it too. An accepted
 * acknowledgement reaches every {@link AlarmListener} as an {@link AlarmTransition#ACKNOWLEDGED} event of the
 * alarm, which is what releases latched outputs such as a siren.
 */
@ProviderType
public interface AlarmAcknowledger {

    /**
     * @param alarmId the id of an active alarm
     * @param by      who acknowledged it (operator, platform), for the log and the event
     * @return true when the alarm was active and not yet acknowledged at its current level; false when it is
     *         unknown, already cleared or already acknowledged (acknowledging twice is harmless)
     */
    default boolean acknowledge(String alarmId, String by) {
        return acknowledge(alarmId, new Acknowledgement(by, "", false));
    }

    /**
     * As {@link #acknowledge(String, String)}, and the ACKNOWLEDGED event carries {@code by}, so the cloud learns
     * whether the alarm was taken on site. Since 1.4.
     */
    boolean acknowledge(String alarmId, Acknowledgement by);
}
