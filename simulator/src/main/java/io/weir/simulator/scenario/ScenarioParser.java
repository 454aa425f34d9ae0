package io.weir.simulator.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the scenario CSV: {@code #} comment lines and blank lines anywhere, then the header
 * {@code minute,water_level_m,rain_mm}, then one row per step with minutes strictly increasing.
 */
final class ScenarioParser {

    static final String HEADER = "minute,water_level_m,rain_mm";
    private static final String[] COLUMNS = HEADER.split(",");
    /** The radar's level register is uint16 millimetres. */
    private static final double MAX_LEVEL_M = 65.535;

    private final String source;

    ScenarioParser(String source) {
        this.source = source;
    }

    List<ScenarioStep> parse(List<String> lines) {
        List<ScenarioStep> steps = new ArrayList<>();
        boolean headerSeen = false;
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String line = stripBom(lines.get(index), index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.replace(" ", "").equals(HEADER)) {
                    throw error(lineNumber, 0, "expected the header '" + HEADER + "', found '" + line + "'");
                }
                headerSeen = true;
                continue;
            }
            ScenarioStep step = row(line, lineNumber);
            if (!steps.isEmpty() && step.minute() <= steps.get(steps.size() - 1).minute()) {
                throw error(lineNumber, 1, "minute " + step.minute() + " does not come after minute "
                        + steps.get(steps.size() - 1).minute());
            }
            steps.add(step);
        }
        if (!headerSeen) {
            throw error(Math.max(1, lines.size()), 0, "no header '" + HEADER + "' found");
        }
        if (steps.isEmpty()) {
            throw error(Math.max(1, lines.size()), 0, "the scenario has no rows");
        }
        return steps;
    }

    private ScenarioStep row(String line, int lineNumber) {
        String[] fields = line.split(",", -1);
        if (fields.length != COLUMNS.length) {
            throw error(lineNumber, 0, "expected " + COLUMNS.length + " columns (" + HEADER + "), found "
                    + fields.length);
        }
        int minute = minute(fields[0].strip(), lineNumber);
        double level = number(fields[1].strip(), lineNumber, 2);
        if (level < 0 || level > MAX_LEVEL_M) {
            throw error(lineNumber, 2, "water_level_m " + fields[1].strip() + " is outside 0.." + MAX_LEVEL_M);
        }
        double rain = number(fields[2].strip(), lineNumber, 3);
        if (rain < 0) {
            throw error(lineNumber, 3, "rain_mm " + fields[2].strip() + " is negative");
        }
        return new ScenarioStep(minute, level, rain);
    }

    private int minute(String text, int lineNumber) {
        try {
            int minute = Integer.parseInt(text);
            if (minute < 0) {
                throw error(lineNumber, 1, "minute " + text + " is negative");
            }
            return minute;
        } catch (NumberFormatException e) {
            throw error(lineNumber, 1, "minute '" + text + "' is not a whole number");
        }
    }

    private double number(String text, int lineNumber, int column) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the column
        }
        throw error(lineNumber, column, COLUMNS[column - 1] + " '" + text + "' is not a number");
    }

    private static String stripBom(String line, int index) {
        // Spreadsheet programs like to start a CSV file with a byte-order mark.
        return index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private ScenarioFormatException error(int line, int column, String problem) {
        return new ScenarioFormatException(source, line, column, problem);
    }
}
