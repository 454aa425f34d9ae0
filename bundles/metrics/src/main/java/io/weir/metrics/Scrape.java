package io.weir.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A scrape read back strictly, as Prometheus would refuse it: every sample belongs to a family declared by
 * {@code # TYPE} before it, names and labels are well formed, no sample repeats, a histogram's buckets carry
 * {@code le}, grow with it and end with {@code +Inf} equal to its {@code _count}. Tests check an endpoint's names,
 * types and labels with it.
 */
public final class Scrape {

    /** One sample line: its name (with any _bucket, _sum, _count suffix), labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A family: its name, type, help and samples in the order served. */
    public record Family(String name, MetricType type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private Scrape(Map<String, Family> families) {
        this.families = Collections.unmodifiableMap(families);
    }

    public Map<String, Family> families() {
        return families;
    }

    public Optional<Family> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** The value of the sample of this exact name and labels (all of them). */
    public Optional<Double> value(String sampleName, Map<String, String> labels) {
        return families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
                .map(Sample::value).findFirst();
    }

    /**
     * @throws IllegalArgumentException naming the line and what is wrong
     */
    public static Scrape parse(String text) {
        Map<String, MetricType> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comment(line, number, types, helps, samples);
                continue;
            }
            Sample sample = sample(line, number);
            String family = familyOf(sample.name(), types);
            if (family == null) {
                throw problem(number, "sample " + sample.name() + " has no # TYPE line before it");
            }
            if (!seen.add(sample.name() + sample.labels())) {
                throw problem(number, "sample " + sample.name() + sample.labels() + " appears twice");
            }
            samples.computeIfAbsent(family, f -> new ArrayList<>()).add(sample);
        }
        Map<String, Family> families = new LinkedHashMap<>();
        types.forEach((name, type) -> {
            List<Sample> list = List.copyOf(samples.getOrDefault(name, List.of()));
            if (type == MetricType.HISTOGRAM) {
                checkHistogram(name, list);
            }
            families.put(name, new Family(name, type, helps.getOrDefault(name, ""), list));
        });
        return new Scrape(families);
    }

    private static void comment(String line, int number, Map<String, MetricType> types, Map<String, String> helps,
                                Map<String, List<Sample>> samples) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !(parts[1].equals("TYPE") || parts[1].equals("HELP"))) {
            return; // an ordinary comment
        }
        String name = parts[2];
        if (!Exposition.METRIC_NAME.matcher(name).matches()) {
            throw problem(number, "'" + name + "' is not a metric name");
        }
        if (parts[1].equals("HELP")) {
            if (helps.put(name, parts.length > 3 ? parts[3] : "") != null) {
                throw problem(number, "second # HELP for " + name);
            }
            return;
        }
        if (parts.length != 4) {
            throw problem(number, "# TYPE " + name + " names no type");
        }
        MetricType type;
        try {
            type = MetricType.of(parts[3]);
        } catch (IllegalArgumentException e) {
            throw problem(number, e.getMessage());
        }
        if (types.containsKey(name)) {
            throw problem(number, "second # TYPE for " + name);
        }
        if (samples.containsKey(name)) {
            throw problem(number, "# TYPE for " + name + " after its samples");
        }
        types.put(name, type);
    }

    private static String familyOf(String sampleName, Map<String, MetricType> types) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                MetricType type = types.get(base);
                if (type == MetricType.HISTOGRAM || (type == MetricType.SUMMARY && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Sample sample(String line, int number) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            throw problem(number, "no value");
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int end = labels(line, brace + 1, labels, number);
            rest = line.substring(end + 1);
        } else {
            name = line.substring(0, space);
            rest = line.substring(space);
        }
        if (!Exposition.METRIC_NAME.matcher(name).matches()) {
            throw problem(number, "'" + name + "' is not a metric name");
        }
        String[] fields = rest.strip().split(" +");
        if (fields.length < 1 || fields.length > 2 || fields[0].isEmpty()) {
            throw problem(number, "expected a value and an optional timestamp after " + name);
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value(fields[0], number));
    }

    /** Reads labels from {@code from} up to the closing brace; returns the brace's index. */
    private static int labels(String line, int from, Map<String, String> labels, int number) {
        int i = from;
        while (true) {
            if (i >= line.length()) {
                throw problem(number, "labels not closed");
            }
            if (line.charAt(i) == '}') {
                return i;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw problem(number, "label without =\"value\"");
            }
            String label = line.substring(i, eq);
            if (!Exposition.LABEL_NAME.matcher(label).matches()) {
                throw problem(number, "'" + label + "' is not a label name");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                throw problem(number, "label " + label + " value not closed");
            }
            if (labels.put(label, value.toString()) != null) {
                throw problem(number, "label " + label + " twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static double value(String text, int number) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw problem(number, "'" + text + "' is not a number");
                }
            }
        };
    }

    private static void checkHistogram(String name, List<Sample> samples) {
        Map<Map<String, String>, List<Sample>> series = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name + "_bucket")) {
                if (!s.labels().containsKey("le")) {
                    throw new IllegalArgumentException("histogram " + name + ": a bucket without le");
                }
                Map<String, String> rest = new LinkedHashMap<>(s.labels());
                rest.remove("le");
                series.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
            } else if (s.name().equals(name + "_count")) {
                counts.put(s.labels(), s.value());
            }
        }
        series.forEach((labels, buckets) -> {
            double last = -1;
            double bound = Double.NEGATIVE_INFINITY;
            for (Sample b : buckets) {
                double le = value(b.labels().get("le"), 0);
                if (le <= bound || b.value() < last) {
                    throw new IllegalArgumentException("histogram " + name + labels + ": buckets must grow with le");
                }
                bound = le;
                last = b.value();
            }
            Sample inf = buckets.get(buckets.size() - 1);
            if (!inf.labels().get("le").equals("+Inf") || !Double.valueOf(inf.value()).equals(counts.get(labels))) {
                throw new IllegalArgumentException("histogram " + name + labels
                        + ": the last bucket must be le=\"+Inf\" and equal _count");
            }
        });
    }

    private static IllegalArgumentException problem(int line, String what) {
        return new IllegalArgumentException("line " + line + ": " + what);
    }
}
