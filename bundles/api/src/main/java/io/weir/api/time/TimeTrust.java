package io.weir.api.time;

import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;

/**
 * The gateway's view of its system clock, registered by the clock bundle. Producers of readings pass each batch
 * through {@link #stamp(List)} before handing it to the reading listeners.
 */
@ProviderType
public interface TimeTrust {

    /** True while the system clock is synchronised to a time source; cheap, never blocks. */
    boolean synchronised();

    /** What is known about the clock now; cheap, never blocks. */
    ClockStatus status();

    /**
     * The reading as it should be kept: unchanged while the clock is synchronised, and unchanged when it is already
     * not GOOD (its own reason says more); a GOOD reading taken while the clock is not synchronised becomes
     * {@link Quality#UNCERTAIN} with {@link QualityReason#CLOCK_UNSYNCED}, its value, unit and time kept.
     */
    default Reading stamp(Reading reading) {
        return synchronised() ? reading : unsynced(reading);
    }

    /** {@link #stamp(Reading)} for a batch, judged once for the whole batch; the same list when nothing changes. */
    default List<Reading> stamp(List<Reading> readings) {
        if (synchronised()) {
            return readings;
        }
        var stamped = new ArrayList<Reading>(readings.size());
        for (Reading r : readings) {
            stamped.add(unsynced(r));
        }
        return stamped;
    }

    /** A GOOD reading marked as taken by an unsynchronised clock; any other reading as it is. */
    static Reading unsynced(Reading r) {
        if (r.quality() != Quality.GOOD) {
            return r;
        }
        return new Reading(r.channel(), r.timestamp(), r.value(), r.unit(), Quality.UNCERTAIN,
                QualityReason.CLOCK_UNSYNCED);
    }
}
