package io.weir.simulator.scenario;

/**
 * One row of a scenario: at {@code minute}, the river stands at {@code waterLevelM} and {@code rainMm} of rain fell
 * in the step that ends then.
 */
public record ScenarioStep(int minute, double waterLevelM, double rainMm) {
}
