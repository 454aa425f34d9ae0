package io.weir.simulator.scenario;

import java.util.List;
import java.util.Objects;

/** A water level worth telling the audience about when the replayed river passes it. */
public record LevelThreshold(double levelM, String name) {

    /**
     * The levels of the station in {@code flood-storm.csv}: 85 % of the warning level (where a blue alarm is
     * usual), the warning level and the guaranteed level.
     */
    public static final List<LevelThreshold> STATION_DEFAULTS = List.of(
            new LevelThreshold(3.00, "85 % of the warning level"),
            new LevelThreshold(3.50, "the warning level (警戒水位)"),
            new LevelThreshold(4.50, "the guaranteed level (保证水位)"));

    public LevelThreshold {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(levelM)) {
            throw new IllegalArgumentException("threshold level must be finite");
        }
    }
}
