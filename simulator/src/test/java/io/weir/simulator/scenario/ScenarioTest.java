package io.weir.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {

    private static final double WARNING_LEVEL_M = 3.50;

    private final Scenario flood = Scenario.builtin("flood-storm");
    private final List<ScenarioStep> rows = flood.steps();

    @Test
    void floodStormIs24HoursAtFiveMinuteSteps() {
        assertThat(rows).hasSize(289);
        assertThat(rows).extracting(ScenarioStep::minute)
                .containsExactlyElementsOf(IntStream.rangeClosed(0, 288).map(i -> i * 5).boxed().toList());
        assertThat(flood.durationMinutes()).isEqualTo(24 * 60);
    }

    @Test
    void floodStormStartsNearItsBaseLevel() {
        assertThat(rows.get(0).waterLevelM()).isBetween(2.05, 2.15);
        assertThat(rows.subList(0, 12)).allSatisfy(row -> assertThat(row.rainMm()).isZero());
    }

    @Test
    void floodStormCrossesTheWarningLevelWithinTheExpectedRows() {
        int firstAbove = IntStream.range(0, rows.size())
                .filter(i -> rows.get(i).waterLevelM() >= WARNING_LEVEL_M).findFirst().orElseThrow();

        assertThat(firstAbove).isBetween(30, 70);
    }

    @Test
    void floodStormPeaksBetweenFourAndFourPointThreeMetresNearHourSeven() {
        ScenarioStep peak = rows.stream().max((a, b) -> Double.compare(a.waterLevelM(), b.waterLevelM()))
                .orElseThrow();

        assertThat(peak.waterLevelM()).isBetween(4.0, 4.3);
        assertThat(peak.minute()).isBetween(6 * 60, 8 * 60);
    }

    @Test
    void floodStormRecedesByTheEndOfTheDay() {
        assertThat(rows.get(rows.size() - 1).waterLevelM()).isBetween(2.5, 2.7);
    }

    @Test
    void floodStormRainsAbout150MillimetresInSixHoursWithAnEightMillimetrePeak() {
        double inStorm = rows.stream().filter(r -> r.minute() > 60 && r.minute() <= 420)
                .mapToDouble(ScenarioStep::rainMm).sum();
        double peak = rows.stream().mapToDouble(ScenarioStep::rainMm).max().orElseThrow();

        assertThat(inStorm).isBetween(140.0, 160.0);
        assertThat(peak).isBetween(7.5, 8.5);
    }

    @Test
    void floodStormPassesEachThresholdOnceEachWay() {
        ThresholdCrossings crossings = new ThresholdCrossings(LevelThreshold.STATION_DEFAULTS);
        List<String> logged = IntStream.range(1, rows.size())
                .mapToObj(i -> crossings.between(rows.get(i - 1), rows.get(i)))
                .filter(list -> !list.isEmpty())
                .map(list -> String.join(", ", list))
                .toList();

        assertThat(logged).containsExactly(
                "rose past 85 % of the warning level 3.00 m",
                "rose past the warning level (警戒水位) 3.50 m",
                "fell below the warning level (警戒水位) 3.50 m",
                "fell below 85 % of the warning level 3.00 m");
    }

    @Test
    void unknownBuiltinNamesTheOnesThereAre() {
        assertThatThrownBy(() -> Scenario.builtin("drought"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drought").hasMessageContaining("flood-storm");
    }

    @Test
    void fileLoadsWithCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = write(dir, "small.csv", """
                # a comment
                minute,water_level_m,rain_mm

                0,2.10,0
                # a comment between rows
                5,2.15,1.5
                """);

        Scenario small = Scenario.load(file);

        assertThat(small.name()).isEqualTo("small");
        assertThat(small.steps()).containsExactly(new ScenarioStep(0, 2.10, 0), new ScenarioStep(5, 2.15, 1.5));
    }

    @Test
    void badNumberIsReportedWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = write(dir, "bad.csv", """
                # header comment
                minute,water_level_m,rain_mm
                0,2.10,0
                5,2.1O,0
                """);

        ScenarioFormatException error = catchThrowableOfType(ScenarioFormatException.class, () -> Scenario.load(file));

        assertThat(error.line()).isEqualTo(4);
        assertThat(error.column()).isEqualTo(2);
        assertThat(error.getMessage()).startsWith(file + " line 4, column 2: ").contains("water_level_m '2.1O'");
    }

    @Test
    void rowWithTheWrongNumberOfColumnsIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "short.csv", "minute,water_level_m,rain_mm\n0,2.10\n");

        ScenarioFormatException error = catchThrowableOfType(ScenarioFormatException.class, () -> Scenario.load(file));

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.getMessage()).contains("expected 3 columns");
    }

    @Test
    void minutesThatDoNotIncreaseAreReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "order.csv", "minute,water_level_m,rain_mm\n0,2.10,0\n10,2.1,0\n5,2.1,0\n");

        ScenarioFormatException error = catchThrowableOfType(ScenarioFormatException.class, () -> Scenario.load(file));

        assertThat(error.line()).isEqualTo(4);
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void negativeRainIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "rain.csv", "minute,water_level_m,rain_mm\n0,2.10,-0.1\n");

        ScenarioFormatException error = catchThrowableOfType(ScenarioFormatException.class, () -> Scenario.load(file));

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(3);
    }

    @Test
    void missingHeaderIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir, "noheader.csv", "# only a comment\n0,2.10,0\n");

        ScenarioFormatException error = catchThrowableOfType(ScenarioFormatException.class, () -> Scenario.load(file));

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.getMessage()).contains("expected the header");
    }

    @Test
    void scenarioWithoutRowsIsRefused(@TempDir Path dir) throws Exception {
        Path file = write(dir, "empty.csv", "minute,water_level_m,rain_mm\n");

        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ScenarioFormatException.class)
                .hasMessageContaining("no rows");
    }

    @Test
    void namedPrefersTheBuiltinAndFallsBackToAPath(@TempDir Path dir) throws Exception {
        Path file = write(dir, "mine.csv", "minute,water_level_m,rain_mm\n0,1.0,0\n");

        assertThat(Scenario.named("flood-storm").steps()).hasSize(289);
        assertThat(Scenario.named(file.toString()).name()).isEqualTo("mine");
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
