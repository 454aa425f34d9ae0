package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators' case mapping file: the shipped example, what a file leaves out, and errors with file and line. */
class CaseMappingFileTest {
    private static final Path EXAMPLE = Path.of("case-mapping.example.yaml");

    @TempDir
    Path dir;

    @Test
    void theShippedExampleLoadsAndMapsFloodAlarmsAndFaults() {
        CaseMapping mapping = CaseMappingFile.load(EXAMPLE, CaseMapping.defaults());

        CaseMapping.Resolved flood = mapping.resolve("river-level", "RED");
        assertThat(flood.caseClass()).isEqualTo(new CaseClass("EVENT", "04", "0402", "flood-control", 1));
        assertThat(flood.urgency()).isEqualTo("URGENT");
        assertThat(flood.requestCloseOnClear()).isTrue();
        CaseMapping.Resolved yellow = mapping.resolve("river-level", "YELLOW");
        assertThat(yellow.caseClass()).isEqualTo(CaseClass.defaultEvent());
        assertThat(yellow.requestCloseOnClear()).isFalse();
        assertThat(mapping.resolve("manhole-tilt", "BLUE").caseClass())
                .isEqualTo(new CaseClass("COMPONENT", "01", "0102", "municipal-roads", 4));
        CaseMapping.Resolved fault = mapping.resolve("radar-comm-fault", "FAULT");
        assertThat(fault.caseClass()).isEqualTo(new CaseClass("COMPONENT", "01", "0101", "instrument-maintenance",
                48));
        assertThat(fault.urgency()).isEqualTo("NORMAL");
    }

    @Test
    void whatTheFileLeavesOutKeepsTheBaseValues() {
        CaseMapping base = CaseMapping.defaults().withRequestCloseOnClear(true);
        CaseMapping mapping = CaseMappingFile.parse("m.yaml", "version: 1\nevent:\n  department: emergency\n", base);

        assertThat(mapping.event()).isEqualTo(new CaseClass("EVENT", "04", "0401", "emergency", 2));
        assertThat(mapping.component()).isEqualTo(CaseClass.defaultComponent());
        assertThat(mapping.requestCloseOnClear()).isTrue();
        assertThat(mapping.rules()).isEmpty();
    }

    @Test
    void unquotedCodesStayAsWritten() {
        CaseMapping mapping = CaseMappingFile.parse("m.yaml", "version: 1\nrules:\n  - rule: x\n    largeClass: 04\n"
                + "    smallClass: 0407\n", CaseMapping.defaults());

        assertThat(mapping.resolve("x", "RED").caseClass().smallClass()).isEqualTo("0407");
        assertThat(mapping.rules()).singleElement().satisfies(r -> assertThat(r.levels()).isEqualTo(Set.of()));
    }

    @Test
    void everyProblemIsReportedWithFileLineAndField() throws Exception {
        Path file = dir.resolve("mapping.yaml");
        Files.writeString(file, """
                version: 1
                event:
                  smallClass: "0501"
                rules:
                  - rule: river-level
                    levels: [RED, PURPLE]
                    timeLimitHours: -3
                  - departmnet: x
                    rule: y
                  - case: INCIDENT
                    rule: z
                """);

        assertThatThrownBy(() -> CaseMappingFile.load(file, CaseMapping.defaults()))
                .isInstanceOf(CaseMappingException.class)
                .satisfies(e -> assertThat(((CaseMappingException) e).problems()).containsExactly(
                        file + ":3: event.smallClass: '0501' is not in large class '04' (a small class starts with "
                                + "its large class)",
                        file + ":6: rules[0].levels[1]: must be one of [BLUE, YELLOW, ORANGE, RED, FAULT]",
                        file + ":7: rules[0].timeLimitHours: '-3' is not a whole number of hours",
                        file + ":8: rules[1].departmnet: unknown field; known here: rule, levels, case, largeClass, "
                                + "smallClass, department, timeLimitHours, urgency, closeOnClear",
                        file + ":10: rules[2].case: 'INCIDENT' is not EVENT or COMPONENT"));
    }

    @Test
    void brokenYamlAMissingFileAndAnUnknownVersionAreNamed() {
        assertThatThrownBy(() -> CaseMappingFile.parse("m.yaml", "version: 1\nrules: [\n", CaseMapping.defaults()))
                .hasMessageContaining("m.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> CaseMappingFile.load(dir.resolve("nope.yaml"), CaseMapping.defaults()))
                .hasMessageContaining("nope.yaml:0: file not found");
        assertThatThrownBy(() -> CaseMappingFile.parse("m.yaml", "version: 2\n", CaseMapping.defaults()))
                .hasMessageContaining("m.yaml:1: version: '2' is not 1");
    }
}
