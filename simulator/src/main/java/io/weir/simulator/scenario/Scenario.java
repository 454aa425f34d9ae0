package io.weir.simulator.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A time series to replay onto the field devices, read from a CSV file {@code minute,water_level_m,rain_mm} (see
 * {@code scenarios/flood-storm.csv} for a documented example).
 */
public final class Scenario {

    /** The scenarios shipped in this jar, by name. */
    public static final List<String> BUILTIN = List.of("flood-storm");

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    private final String name;
    private final List<ScenarioStep> steps;

    private Scenario(String name, List<ScenarioStep> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    /**
     * Reads a scenario file.
     *
     * @throws ScenarioFormatException naming the file, line and column of the first bad row
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Scenario load(Path file) {
        Objects.requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return new Scenario(name, new ScenarioParser(file.toString()).parse(lines));
    }

    /** One of the scenarios shipped in this jar; see {@link #BUILTIN}. */
    public static Scenario builtin(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || !BUILTIN.contains(name)) {
            throw new IllegalArgumentException("no built-in scenario '" + name + "'; there are " + BUILTIN);
        }
        String resource = "/scenarios/" + name + ".csv";
        try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + resource + " is missing from the jar");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            return new Scenario(name, new ScenarioParser("builtin:" + name + ".csv").parse(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in scenario " + name, e);
        }
    }

    /**
     * A scenario made in code, such as a short one for a test.
     *
     * @throws IllegalArgumentException if there are no steps or the minutes do not strictly increase
     */
    public static Scenario of(String name, List<ScenarioStep> steps) {
        Objects.requireNonNull(name, "name");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no steps");
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).minute() <= steps.get(i - 1).minute()) {
                throw new IllegalArgumentException("scenario " + name + ": minute " + steps.get(i).minute()
                        + " does not come after minute " + steps.get(i - 1).minute());
            }
        }
        return new Scenario(name, steps);
    }

    /** A built-in scenario when {@code nameOrPath} names one, else the file at that path. */
    public static Scenario named(String nameOrPath) {
        return BUILTIN.contains(nameOrPath) ? builtin(nameOrPath) : load(Path.of(nameOrPath));
    }

    public String name() {
        return name;
    }

    /** The rows in order; never empty, minutes strictly increasing. */
    public List<ScenarioStep> steps() {
        return steps;
    }

    /** Minutes from the first row to the last. */
    public int durationMinutes() {
        return steps.get(steps.size() - 1).minute() - steps.get(0).minute();
    }

    @Override
    public String toString() {
        return "scenario " + name + " (" + steps.size() + " steps over " + durationMinutes() + " min)";
    }
}
