package io.weir.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress display: redrawn in place on a terminal, one line per change elsewhere. */
class ProgressViewTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode rollout(String state, String gw2, long bytes) throws Exception {
        return json.readTree("""
                {"rolloutId":"ro-1","name":"io.weir.x","version":"1.1.0","target":"group:north","state":"%s",
                 "currentWave":2,"waveCount":3,"jobs":[
                  {"gatewayId":"gw-1","wave":1,"state":"SUCCEEDED","supersededBy":null},
                  {"gatewayId":"gw-2","wave":2,"state":"%s","bytes":%d,"totalBytes":1000,"supersededBy":null}]}
                """.formatted(state, gw2, bytes));
    }

    @Test
    void onATerminalEachDrawingReplacesTheLast() throws Exception {
        StringWriter text = new StringWriter();
        ProgressView view = new ProgressView(new PrintWriter(text), true);
        view.show(rollout("ROLLING_OUT", "DOWNLOADING", 400));
        assertThat(text.toString()).doesNotContain("\033[").contains("gw-2").contains("[########............]  40 %");
        view.show(rollout("ROLLING_OUT", "DOWNLOADING", 900));
        assertThat(text.toString()).contains("\033[3A\033[J").contains(" 90 %");
    }

    @Test
    void elsewhereOnlyWhatChangedIsPrinted() throws Exception {
        StringWriter text = new StringWriter();
        ProgressView view = new ProgressView(new PrintWriter(text), false);
        view.show(rollout("ROLLING_OUT", "SENT", 0));
        view.show(rollout("ROLLING_OUT", "SENT", 0));
        view.show(rollout("SUCCEEDED", "SUCCEEDED", 1000));
        String[] lines = text.toString().split(System.lineSeparator());
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("ro-1  io.weir.x 1.1.0 -> group:north  ROLLING_OUT  wave 2/3  1/2 succeeded");
        assertThat(lines[2]).contains("gw-2").contains("SENT");
        assertThat(lines[3]).contains("SUCCEEDED  wave 2/3  2/2 succeeded");
        assertThat(lines[4]).contains("gw-2").contains("[####################] 100 %");
        assertThat(text.toString()).doesNotContain("\033[");
    }
}
