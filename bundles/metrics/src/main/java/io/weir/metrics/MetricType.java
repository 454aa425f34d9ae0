package io.weir.metrics;

import java.util.Locale;

/** The metric types of the text format; each is written in lower case after {@code # TYPE}. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED;

    /** The word the text format uses. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MetricType of(String word) {
        for (MetricType type : values()) {
            if (type.word().equals(word)) {
                return type;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a metric type");
    }
}
