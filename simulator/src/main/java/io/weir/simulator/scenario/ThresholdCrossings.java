package io.weir.simulator.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which thresholds the river passed between two rows, worded for the log. */
final class ThresholdCrossings {

    private final List<LevelThreshold> thresholds;

    ThresholdCrossings(List<LevelThreshold> thresholds) {
        this.thresholds = List.copyOf(thresholds);
    }

    /** Empty when the step passed none, which is most steps. */
    List<String> between(ScenarioStep previous, ScenarioStep step) {
        List<String> crossings = new ArrayList<>();
        for (LevelThreshold threshold : thresholds) {
            boolean wasAbove = previous.waterLevelM() >= threshold.levelM();
            boolean isAbove = step.waterLevelM() >= threshold.levelM();
            if (isAbove != wasAbove) {
                crossings.add((isAbove ? "rose past " : "fell below ") + threshold.name() + " "
                        + metres(threshold.levelM()));
            }
        }
        return crossings;
    }

    static String metres(double level) {
        return String.format(Locale.ROOT, "%.2f m", level);
    }

    /** A measured level, to the millimetre, so that 3.497 m never reads as the 3.50 m it fell below. */
    static String measured(double level) {
        return String.format(Locale.ROOT, "%.3f m", level);
    }
}
