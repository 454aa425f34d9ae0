package io.weir.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output stream that writes one JSON object per log record to another stream. slf4j-simple prints a record as
 * its line, then the throwable's stack trace, then flushes, all on the logging thread; so each thread's bytes are
 * gathered and a record ends at its flush, or when the thread starts the next record. A line that is not a log
 * record (something printed directly) becomes a record of its own with only a message. Records never interleave:
 * each is written whole under one lock.
 */
public final class JsonLogStream extends OutputStream {

    /** {@code <time> [<thread>] <LEVEL> <logger> - <message>}, the time optional, as slf4j-simple prints it. */
    private static final Pattern RECORD = Pattern.compile(
            "^(?:(\\S+) )?\\[(.*?)\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)$", Pattern.DOTALL);
    private static final int MAX_RECORD = 64 * 1024;

    private final PrintStream target;
    private final String fields;
    private final ThreadLocal<Pending> pending = ThreadLocal.withInitial(Pending::new);

    /** What a thread has written and not yet emitted: the current record, and the part of a line after it. */
    private static final class Pending {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        StringBuilder record;
    }

    /**
     * @param target where the JSON lines go (the process's original standard output or error)
     * @param fields constant fields added to every record, such as {@code service}
     */
    public JsonLogStream(PrintStream target, Map<String, String> fields) {
        this.target = target;
        StringBuilder extra = new StringBuilder();
        fields.forEach((k, v) -> extra.append(',').append(quote(k)).append(':').append(quote(v)));
        this.fields = extra.toString();
    }

    /** A print stream over this, to hand to {@code System.setOut} or {@code System.setErr}. */
    public static PrintStream printStream(PrintStream target, Map<String, String> fields) {
        return new PrintStream(new JsonLogStream(target, fields), false, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        Pending p = pending.get();
        if (b == '\n') {
            line(p);
        } else if (p.line.size() < MAX_RECORD) {
            p.line.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    /** Ends the thread's record (slf4j-simple flushes after each). */
    @Override
    public void flush() {
        Pending p = pending.get();
        if (p.line.size() > 0) {
            line(p);
        }
        emit(p);
    }

    private void line(Pending p) {
        String line = p.line.toString(StandardCharsets.UTF_8);
        p.line.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (RECORD.matcher(line).matches() || p.record == null) {
            emit(p);
            p.record = new StringBuilder(line);
            if (!RECORD.matcher(line).matches()) {
                emit(p); // not a record: nothing will follow it
            }
        } else if (p.record.length() < MAX_RECORD) {
            p.record.append('\n').append(line);
        }
    }

    private void emit(Pending p) {
        if (p.record == null) {
            return;
        }
        String text = p.record.toString();
        p.record = null;
        String json = json(text);
        synchronized (target) {
            target.print(json);
            target.print('\n');
            target.flush();
        }
    }

    private String json(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        String stack = newline < 0 ? null : text.substring(newline + 1);
        Matcher m = RECORD.matcher(first);
        StringBuilder out = new StringBuilder(text.length() + 96).append('{');
        if (m.matches()) {
            if (m.group(1) != null) {
                out.append("\"ts\":").append(quote(m.group(1))).append(',');
            }
            out.append("\"level\":").append(quote(m.group(3)))
                    .append(",\"thread\":").append(quote(m.group(2)))
                    .append(",\"logger\":").append(quote(m.group(4)))
                    .append(",\"message\":").append(quote(m.group(5)));
        } else {
            out.append("\"message\":").append(quote(first));
        }
        if (stack != null) {
            out.append(",\"stack\":").append(quote(stack));
        }
        return out.append(fields).append('}').toString();
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
