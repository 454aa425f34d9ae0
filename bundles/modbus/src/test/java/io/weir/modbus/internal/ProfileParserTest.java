package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

class ProfileParserTest {

    // as docs/configuration.md shows it
    private static final String RADAR = "{\"id\":\"hlk-ld8001h\",\"manufacturer\":\"Hi-Link\",\"model\":\"HLK-LD8001H\","
            + "\"maxBlockRegisters\":16,\"timeoutMillis\":500,\"points\":[{\"name\":\"water_level\",\"function\":3,"
            + "\"address\":3,\"type\":\"UINT16\",\"wordOrder\":\"ABCD\",\"scale\":0.001,\"offset\":0.0,\"unit\":\"m\"}]}";

    private final ProfileParser parser = new ProfileParser();

    private ProfileParser.Outcome.Invalid invalid(String json) {
        ProfileParser.Outcome outcome = parser.parse(json);
        assertThat(outcome).isInstanceOf(ProfileParser.Outcome.Invalid.class);
        return (ProfileParser.Outcome.Invalid) outcome;
    }

    @Test
    void readsTheJsonTheSiteBundleWrites() {
        assertThat(parser.parse(RADAR)).isEqualTo(new ProfileParser.Outcome.Parsed(new DeviceProfile(
                "hlk-ld8001h", "Hi-Link", "HLK-LD8001H", 16, 500, List.of(
                new Point("water_level", 3, 3, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m")))));
    }

    @Test
    void readsBitsAndStringsWithTheirLength() throws Exception {
        var profile = new DeviceProfile("meter", "Weir", "Test", 16, 500, List.of(
                new Point("pump_on", 1, 7, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
                new Point("serial", 3, 10, DataType.STRING, WordOrder.ABCD, 1, 0, "", 8),
                new Point("total", 4, 0, DataType.UINT64, WordOrder.CDAB, 1, 0, "m3")), List.of(20), 8);
        // the JSON the site bundle's Jackson would write for it
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(profile);

        assertThat(json).contains("\"length\":8");
        assertThat(parser.parse(json)).isEqualTo(new ProfileParser.Outcome.Parsed(profile));
    }

    @Test
    void aStringWithoutALengthIsNamed() {
        var invalid = invalid(RADAR.replace("\"UINT16\"", "\"STRING\"").replace("\"scale\":0.001", "\"scale\":1"));

        assertThat(invalid.problem()).contains("length");
    }

    @Test
    void toleratesFieldsItDoesNotKnow() {
        assertThat(parser.parse(RADAR.replace("\"model\"", "\"firmware\":\"2.1\",\"model\"")))
                .isInstanceOf(ProfileParser.Outcome.Parsed.class);
    }

    @Test
    void namesTheFieldWithAnUnknownType() {
        var invalid = invalid(RADAR.replace("UINT16", "UINT8"));

        assertThat(invalid.field()).isEqualTo("points[0].type");
        assertThat(invalid.problem()).contains("UINT8");
        assertThat(invalid.pointNames()).containsExactly("water_level");
    }

    @Test
    void passesOnWhatTheRecordRejects() {
        var invalid = invalid(RADAR.replace("\"function\":3", "\"function\":5"));

        assertThat(invalid.field()).isEqualTo("points[0]");
        assertThat(invalid.problem()).isEqualTo("point water_level: function 5 is not 1, 2, 3 or 4");
    }

    @Test
    void namesAMissingField() {
        var invalid = invalid(RADAR.replace("\"id\":\"hlk-ld8001h\",", ""));

        assertThat(invalid.field()).isEqualTo("id");
        assertThat(invalid.problem()).isEqualTo("is missing");
    }

    @Test
    void reportsJsonThatIsNotJson() {
        var invalid = invalid("{\"id\": hlk}");

        assertThat(invalid.field()).isEqualTo("profile");
        assertThat(invalid.problem()).startsWith("is not JSON");
        assertThat(invalid.pointNames()).isEmpty();
    }

    @Test
    void reportsATruncatedProfileWhereItEnds() {
        var invalid = invalid(RADAR.substring(0, RADAR.indexOf("\"scale\"")));

        assertThat(invalid.field()).isEqualTo("points[0]");
        assertThat(invalid.problem()).containsIgnoringCase("end-of-input");
    }

    @Test
    void reportsAnEmptyProfile() {
        assertThat(invalid("  ").problem()).isEqualTo("is empty");
        assertThat(invalid(null).field()).isEqualTo("profile");
    }
}
