package io.weir.rules.internal;

/** Which side of its thresholds a rule watches. */
enum Direction {
    /** Alarm when the value rises to a threshold or higher (river levels, rainfall). */
    ABOVE {
        @Override
        boolean reaches(double value, double threshold) {
            return value >= threshold;
        }

        @Override
        boolean pastBy(double value, double threshold, double hysteresis) {
            return value < threshold - hysteresis;
        }

        @Override
        boolean ordered(double lower, double higher) {
            return lower < higher;
        }
    },
    /** Alarm when the value falls to a threshold or lower (a reservoir near its dead-storage level). */
    BELOW {
        @Override
        boolean reaches(double value, double threshold) {
            return value <= threshold;
        }

        @Override
        boolean pastBy(double value, double threshold, double hysteresis) {
            return value > threshold + hysteresis;
        }

        @Override
        boolean ordered(double lower, double higher) {
            return lower > higher;
        }
    };

    /** True when the value is at the threshold or beyond it. */
    abstract boolean reaches(double value, double threshold);

    /** True when the value has come back from the threshold by more than the hysteresis. */
    abstract boolean pastBy(double value, double threshold, double hysteresis);

    /** True when the threshold of a lower level comes before that of a higher one in this direction. */
    abstract boolean ordered(double lowerLevelThreshold, double higherLevelThreshold);
}
