package io.weir.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 8428 resolution (section 4.6) and the refusals, with the messages a device maker gets back. */
class SenmlParserTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final SenmlParser parser = new SenmlParser();

    private List<SenmlRecord> json(String text) throws MalformedSenml {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), SenmlParser.SENML_JSON, NOW);
    }

    @Test
    void baseFieldsResolveAndCarryForward() throws Exception {
        List<SenmlRecord> records = json("[{\"bn\":\"urn:dev:imei:8612:\",\"bt\":1.795248e9,\"bu\":\"m\",\"bv\":1,"
                + "\"n\":\"level\",\"v\":0.25},{\"n\":\"level\",\"t\":60,\"v\":0.5},"
                + "{\"n\":\"bat\",\"u\":\"%\",\"v\":80},{\"n\":\"rain\",\"bs\":100,\"s\":2.5},{\"n\":\"door\",\"vb\":false}]");

        assertThat(records).extracting(SenmlRecord::name).containsExactly("urn:dev:imei:8612:level",
                "urn:dev:imei:8612:level", "urn:dev:imei:8612:bat", "urn:dev:imei:8612:rain",
                "urn:dev:imei:8612:door");
        assertThat(records.get(0).value()).isEqualTo(1.25);
        assertThat(records.get(1).time()).isEqualTo(Instant.ofEpochSecond(1_795_248_060L));
        assertThat(records.get(1).unit()).isEqualTo("m");
        assertThat(records.get(2).unit()).isEqualTo("%");
        assertThat(records.get(3).value()).isEqualTo(102.5);
        assertThat(records.get(4).value()).isEqualTo(false);
    }

    @Test
    void smallTimesAreRelativeToNow() throws Exception {
        assertThat(json("[{\"n\":\"tilt\",\"t\":-30,\"v\":3}]").get(0).time()).isEqualTo(NOW.minusSeconds(30));
        assertThat(json("[{\"n\":\"tilt\",\"v\":3}]").get(0).time()).isEqualTo(NOW);
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> json("{\"n\":\"x\",\"v\":1}")).hasMessage("a SenML pack is an array of records, not"
                + " an object");
        assertThatThrownBy(() -> json("[]")).hasMessage("the SenML pack has no records");
        assertThatThrownBy(() -> json("[{\"n\":\"x\",\"v\":1,\"vs\":\"a\"}]"))
                .hasMessage("record 0 has more than one of v, vs, vb, vd");
        assertThatThrownBy(() -> json("[{\"n\":\"x\"}]")).hasMessage("record 0 has no value (v, vs, vb, vd) and no"
                + " sum (s)");
        assertThatThrownBy(() -> json("[{\"n\":\"x\",\"v\":1,\"crit_\":1}]"))
                .hasMessage("record 0: field 'crit_' must be understood and is not");
        assertThatThrownBy(() -> json("[{\"n\":\"bad name\",\"v\":1}]"))
                .hasMessageContaining("name 'bad name' is empty or holds characters SenML does not allow");
        assertThatThrownBy(() -> json("[{\"n\":\"x\",\"v\":1,\"v\":2}]")).hasMessageStartingWith("not JSON:");
        assertThatThrownBy(() -> json("[{\"n\":\"x\",\"v\":1}] []")).hasMessage("the payload goes on after the"
                + " SenML pack");
    }

    @Test
    void unknownFieldsWithoutUnderscoreAreIgnored() throws Exception {
        assertThat(json("[{\"n\":\"x\",\"v\":1,\"lat\":30.2}]")).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(1.0));
    }
}
