package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The site file's sl651 section: the centre, its stations and their passwords, and rules on their rain. */
class Sl651SectionTest {

    @TempDir
    Path dir;

    private final SiteFileParser parser = new SiteFileParser(new ProfileDirectory(Path.of("no-profiles"),
            new ProfileParser()));

    @Test
    void centreAndStationsAreMappedWithPasswordsPrivate() {
        Parsed<SiteModel> parsed = parser.parse(TestFiles.resource("sl651/site.yaml"));
        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper()).map(parsed.value().orElseThrow());
        assertThat(find(targets, "io.weir.sl651.centre").properties()).containsEntry("siteStationCode", "62001200")
                .containsEntry("port", 5651).containsEntry("udpPort", 5651).containsEntry("idleTimeoutSeconds", 900);
        assertThat(find(targets, "io.weir.sl651.station~0062001301").properties())
                .containsEntry("stationCode", "0062001301").containsEntry(".password", "1234");
        assertThat(find(targets, "io.weir.sl651.station~0062001302").properties())
                .containsEntry(".password", "A5C3");
        assertThat(find(targets, "io.weir.sl651.report").properties()).containsEntry("stationCode", "0062001200")
                .containsEntry(".password", "A5C3").containsEntry("stationType", 0x48)
                .containsEntry("rainChannel", "62001200/0062001301/rain_5min").containsEntry("timedMinutes", 30)
                .containsEntry("historyDays", 60)
                .hasEntrySatisfying("centres", c -> assertThat((String[]) c).containsExactly("1@192.0.2.10:5001 hex tcp",
                        "2@192.0.2.11:5002 ascii udp"))
                .hasEntrySatisfying("elements", e -> assertThat((String[]) e)
                        .containsExactly("PJ=62001200/0062001301/rain_current"));
        assertThat(find(targets, "io.weir.rules.rainfall~rain-1301").properties())
                .containsEntry("channel", "62001200/0062001301/rain_5min");
    }

    @Test
    void badStationsAreReportedByLineAndNeverQuoteAPassword() throws Exception {
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, Files.readString(TestFiles.resource("sl651/site.yaml"))
                .replace("passwordFile: secrets/0062001301.password", "password: \"12G4\"")
                .replace("code: 0062001302", "code: 62001302")
                .replace("udpPort: 5651", "udpPort: 5651\n  ackEnd: nak")
                .replace("encoding: ascii", "encoding: ebcdic")
                .replace("transport: udp", "transport: sms")
                .replace("historyDays: 60", "historyDays: 0"));
        Parsed<SiteModel> parsed = parser.parse(site);
        assertThat(parsed.problems()).extracting(Problem::toString).contains(
                "site.yaml:14: sl651.ackEnd: 'nak' is not one of esc, eot",
                "site.yaml:18: sl651.stations[0].password: secrets are not written in the site file: put it in a"
                        + " file that only the gateway's user can read (mode 600) and name that file with passwordFile",
                "site.yaml:19: sl651.stations[1].code: '62001302' must match [0-9]{10}",
                "site.yaml:20: sl651.stations[1].passwordFile: secret file " + dir.resolve(
                        "secrets/0062001302.password") + " does not exist or is not a file",
                "site.yaml:33: sl651Report.centres[1].encoding: 'ebcdic' is not one of hex, ascii",
                "site.yaml:33: sl651Report.centres[1].transport: 'sms' is not one of tcp, udp",
                "site.yaml:38: sl651Report.historyDays: 0 is outside 1..3650");
        assertThat(parsed.problems().toString()).doesNotContain("12G4");
    }

    private static TargetConfiguration find(List<TargetConfiguration> targets, String name) {
        return targets.stream().filter(t -> t.toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + targets));
    }
}
