package io.weir.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** What a command prints: the adapter's JSON with {@code --json}, else a line or a table for people. */
final class Out {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Out() {
    }

    static void print(CommandSpec spec, JsonNode answer, Supplier<Object> forPeople) {
        PrintWriter out = spec.commandLine().getOut();
        if (WeirOps.root(spec).adapter.json) {
            try {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } catch (JsonProcessingException e) {
                throw new OpsException("cannot print the answer: " + e.getMessage(), e);
            }
        } else {
            Object text = forPeople.get();
            if (text instanceof Table table) {
                table.print(out);
            } else {
                out.println(text);
            }
        }
        out.flush();
    }
}
