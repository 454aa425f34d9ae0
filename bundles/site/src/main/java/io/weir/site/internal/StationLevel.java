package io.weir.site.internal;

import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A water-level rule's station levels and the level expressions written against them ({@code 3.4},
 * {@code warning}, {@code 85% warning}, {@code dead + 0.5}), checked as the rules bundle will read them: every name
 * a level the station gives, and the resulting thresholds in order (rising with the colour above, falling below)
 * in every flood season.
 */
final class StationLevel {

    /** Station level names as the site file writes them, with the configuration property of each. */
    static final Map<String, String> NAMES = names();

    private static final Pattern EXPRESSION = Pattern.compile(
            "(?:([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*)?(warning|guaranteed|floodLimit|normalPool|dead|designFlood"
                    + "|checkFlood|pumpIntake)\\s*(?:([+-])\\s*([0-9]+(?:\\.[0-9]+)?))?");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

    private StationLevel() {
    }

    private static Map<String, String> names() {
        var names = new LinkedHashMap<String, String>();
        names.put("warning", "warningLevel");
        names.put("guaranteed", "guaranteedLevel");
        names.put("floodLimit", "floodLimitLevel");
        names.put("normalPool", "normalPoolLevel");
        names.put("dead", "deadLevel");
        names.put("designFlood", "designFloodLevel");
        names.put("checkFlood", "checkFloodLevel");
        names.put("pumpIntake", "pumpIntakeLevel");
        return names;
    }

    /** One season of a flood-limit level, both days included. */
    record Season(MonthDay from, MonthDay to, double level) {

        boolean holds(MonthDay day) {
            return from.compareTo(to) <= 0 ? !day.isBefore(from) && !day.isAfter(to)
                    : !day.isBefore(from) || !day.isAfter(to);
        }

        boolean overlaps(Season other) {
            return holds(other.from) || holds(other.to) || other.holds(from);
        }

        /** As the rules bundle reads it: {@code MM-dd/MM-dd:level}. */
        String format() {
            return from.toString().substring(2) + "/" + to.toString().substring(2) + ":" + YamlMap.plain(level);
        }
    }

    /**
     * @param declared the station level names given
     * @param seasonal the flood-limit level is given by season (and outside them the normal pool level holds)
     * @return what is wrong with the expression, if anything
     */
    static Optional<String> check(String text, Set<String> declared, boolean seasonal) {
        Matcher m = EXPRESSION.matcher(text.strip());
        if (!m.matches()) {
            return NUMBER.matcher(text.strip()).matches() ? Optional.empty() : Optional.of("'" + text + "' is not a"
                    + " number, a station level, a percentage of one (e.g. 85% warning) or an offset from one (e.g."
                    + " dead + 0.5)");
        }
        return declared.contains(m.group(2)) ? Optional.empty() : Optional.of("'" + text + "' names the "
                + m.group(2) + " level, which stationLevels does not give");
    }

    /**
     * Checks that the thresholds are in order at every time of the year.
     *
     * @param expressions level colour to expression, lowest colour first
     * @param station     the station's levels (floodLimit NaN when given by season)
     * @return what is out of order, if anything
     */
    static Optional<String> ordering(Map<String, String> expressions, Map<String, Double> station,
                                     List<Season> seasons, boolean below, Object datum) {
        double base = datum instanceof Double d ? d : 0.0;
        var limits = new ArrayList<Double>();
        if (seasons.isEmpty()) {
            limits.add(station.getOrDefault("floodLimit", Double.NaN));
        } else {
            seasons.forEach(s -> limits.add(s.level()));
            limits.add(station.getOrDefault("normalPool", Double.NaN)); // outside the seasons
        }
        for (double limit : limits) {
            String previous = null;
            double previousValue = Double.NaN;
            for (Map.Entry<String, String> e : expressions.entrySet()) {
                double value = resolve(e.getValue(), station, limit, base);
                if (Double.isNaN(value)) {
                    continue; // a flood-limit level outside the seasons, where the station has none
                }
                if (previous != null && (below ? value >= previousValue : value <= previousValue)) {
                    return Optional.of(e.getKey() + " (" + YamlMap.plain(value) + ") must be " + (below ? "below "
                            : "above ") + previous + " (" + YamlMap.plain(previousValue) + ")" + (seasons.isEmpty()
                            ? "" : " with a flood-limit level of " + YamlMap.plain(limit)));
                }
                previous = e.getKey();
                previousValue = value;
            }
        }
        return Optional.empty();
    }

    private static double resolve(String text, Map<String, Double> station, double floodLimit, double datum) {
        Matcher m = EXPRESSION.matcher(text.strip());
        if (!m.matches()) {
            return Double.parseDouble(text.strip());
        }
        double level = m.group(2).equals("floodLimit") ? floodLimit : station.get(m.group(2));
        double value = m.group(1) == null ? level : datum + Double.parseDouble(m.group(1)) / 100 * (level - datum);
        if (m.group(3) != null) {
            value += (m.group(3).equals("+") ? 1 : -1) * Double.parseDouble(m.group(4));
        }
        return value;
    }
}
