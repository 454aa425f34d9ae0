package io.weir.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One scrape in the Prometheus text exposition format 0.0.4, built family by family: each family is written once
 * with its {@code # HELP} and {@code # TYPE} lines and then its samples, whatever order they were added in. Names,
 * label names and values are checked and escaped here, so a caller cannot produce a scrape Prometheus refuses.
 * Not thread-safe: build one per scrape.
 */
public final class Exposition {

    /** The content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, Family> families = new LinkedHashMap<>();

    /**
     * The family of this name, created on first use.
     *
     * @throws IllegalArgumentException for a bad name, or a name already used with another type
     */
    public Family family(String name, MetricType type, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name");
        }
        Family family = families.computeIfAbsent(name, n -> new Family(n, type, help));
        if (family.type != type) {
            throw new IllegalArgumentException("metric " + name + " is a " + family.type.word() + ", not a "
                    + type.word());
        }
        return family;
    }

    public Family counter(String name, String help) {
        return family(name, MetricType.COUNTER, help);
    }

    public Family gauge(String name, String help) {
        return family(name, MetricType.GAUGE, help);
    }

    /** The scrape's text; a family without samples is left out. */
    public String text() {
        StringBuilder out = new StringBuilder(4096);
        for (Family family : families.values()) {
            if (family.samples.isEmpty()) {
                continue;
            }
            out.append("# HELP ").append(family.name).append(' ').append(escapeHelp(family.help)).append('\n');
            out.append("# TYPE ").append(family.name).append(' ').append(family.type.word()).append('\n');
            for (String sample : family.samples) {
                out.append(sample).append('\n');
            }
        }
        return out.toString();
    }

    /** One metric family: a name, a type, a help text and its samples. */
    public static final class Family {
        private final String name;
        private final MetricType type;
        private final String help;
        private final List<String> samples = new ArrayList<>();
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        private Family(String name, MetricType type, String help) {
            this.name = name;
            this.type = type;
            this.help = help == null ? "" : help;
        }

        /**
         * Adds a sample of the family's own name.
         *
         * @param labels name, value, name, value ...
         * @throws IllegalArgumentException for bad labels, or a sample with these labels already added
         */
        public Family add(double value, String... labels) {
            return sample("", value, labels);
        }

        /** Adds every bucket, the sum and the count of a histogram family. */
        public Family add(Histogram.Snapshot histogram, String... labels) {
            if (type != MetricType.HISTOGRAM) {
                throw new IllegalArgumentException("metric " + name + " is not a histogram");
            }
            double[] bounds = histogram.upperBounds();
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += histogram.bucketCounts()[i];
                sample("_bucket", cumulative, with(labels, "le", number(bounds[i])));
            }
            sample("_bucket", histogram.count(), with(labels, "le", "+Inf"));
            sample("_sum", histogram.sum(), labels);
            return sample("_count", histogram.count(), labels);
        }

        private Family sample(String suffix, double value, String... labels) {
            if (labels.length % 2 != 0) {
                throw new IllegalArgumentException("metric " + name + ": labels come in name, value pairs");
            }
            StringBuilder line = new StringBuilder(name).append(suffix);
            if (labels.length > 0) {
                line.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    if (!LABEL_NAME.matcher(labels[i]).matches() || labels[i].startsWith("__")) {
                        throw new IllegalArgumentException("metric " + name + ": '" + labels[i]
                                + "' is not a label name");
                    }
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(labels[i]).append("=\"").append(escapeLabel(String.valueOf(labels[i + 1])))
                            .append('"');
                }
                line.append('}');
            }
            String key = line.toString();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("metric " + name + ": sample " + key + " added twice");
            }
            samples.add(key + ' ' + number(value));
            return this;
        }

        private static String[] with(String[] labels, String name, String value) {
            String[] more = java.util.Arrays.copyOf(labels, labels.length + 2);
            more[labels.length] = name;
            more[labels.length + 1] = value;
            return more;
        }
    }

    /** A number as the format writes it: integers without a fraction, NaN, +Inf and -Inf by name. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
