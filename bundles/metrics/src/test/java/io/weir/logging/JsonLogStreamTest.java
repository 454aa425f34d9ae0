package io.weir.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** slf4j-simple's records, as it prints them, become one JSON object a line. */
class JsonLogStreamTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final PrintStream out = JsonLogStream.printStream(new PrintStream(sink, true, StandardCharsets.UTF_8),
            Map.of("service", "weir-gateway"));

    private List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var nodes = new java.util.ArrayList<JsonNode>();
        for (String line : sink.toString(StandardCharsets.UTF_8).split("\n")) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void aRecordWithAStackTraceIsOneObject() throws Exception {
        out.println("2026-11-21T08:00:00.000Z [CM Event Dispatcher (pid=a)] ERROR io.weir.x.Y - it \"broke\"\ttab");
        new IllegalStateException("boom").printStackTrace(out);
        out.flush();
        out.println("2026-11-21T08:00:01.000Z [main] INFO io.weir.x.Y - fine");
        out.flush();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode error = lines.get(0);
        assertThat(error.path("ts").asText()).isEqualTo("2026-11-21T08:00:00.000Z");
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("thread").asText()).isEqualTo("CM Event Dispatcher (pid=a)");
        assertThat(error.path("logger").asText()).isEqualTo("io.weir.x.Y");
        assertThat(error.path("message").asText()).isEqualTo("it \"broke\"\ttab");
        assertThat(error.path("stack").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
        assertThat(error.path("service").asText()).isEqualTo("weir-gateway");
        assertThat(lines.get(1).path("message").asText()).isEqualTo("fine");
        assertThat(lines.get(1).has("stack")).isFalse();
    }

    @Test
    void linesThatAreNotRecordsAreMessagesOfTheirOwnAndThreadsDoNotMix() throws Exception {
        out.println("printed directly");
        Thread other = new Thread(() -> {
            out.println("[worker] WARN io.weir.a.B - from another thread");
            out.flush();
        });
        out.println("2026-11-21T08:00:00.000Z [main] INFO io.weir.x.Y - started");
        other.start();
        other.join();
        out.flush();

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(n -> n.path("message").asText())
                .containsExactly("printed directly", "from another thread", "started");
        assertThat(lines.get(1).has("ts")).isFalse();
        assertThat(lines.get(1).path("level").asText()).isEqualTo("WARN");
    }
}
