package io.weir.simulator.scenario;

/** A scenario file that cannot be read as one; the message names the file, the line and, where one is at fault, the column. */
public final class ScenarioFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    ScenarioFormatException(String source, int line, int column, String problem) {
        super(source + " line " + line + (column > 0 ? ", column " + column : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file (or built-in scenario) the error is in. */
    public String source() {
        return source;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** 1-based CSV column (1 = minute, 2 = water_level_m, 3 = rain_mm), or 0 when the whole line is at fault. */
    public int column() {
        return column;
    }
}
