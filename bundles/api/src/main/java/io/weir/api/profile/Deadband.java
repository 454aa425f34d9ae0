package io.weir.api.profile;

/**
 * How far a point's value must move from the value last reported before a new one is worth sending upstream.
 * Since 1.5.
 *
 * @param amount  the band: in the point's unit, or a percentage of the last reported value when {@code percent}
 * @param percent whether {@code amount} is a percentage of the last reported value's magnitude
 */
public record Deadband(double amount, boolean percent) {

    public Deadband {
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("deadband " + amount + " is not a finite number of at least 0");
        }
    }

    /**
     * Whether {@code now} lies outside the band around {@code lastReported}; a value exactly on its edge does not.
     * A percentage of a last value of 0 is 0, so any move away from 0 counts.
     */
    public boolean exceeded(double lastReported, double now) {
        double band = percent ? Math.abs(lastReported) * amount / 100 : amount;
        return Math.abs(now - lastReported) > band;
    }
}
