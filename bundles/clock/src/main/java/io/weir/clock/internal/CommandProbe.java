package io.weir.clock.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A source asked by running a local command; what its output means is the source's own. */
final class CommandProbe implements SyncProbe {

    private final String name;
    private final List<String> command;
    private final Function<CommandRunner.Result, Answer> meaning;
    private final CommandRunner runner;
    private final Duration timeout;

    CommandProbe(String name, List<String> command, Function<CommandRunner.Result, Answer> meaning,
                 CommandRunner runner, Duration timeout) {
        this.name = name;
        this.command = List.copyOf(command);
        this.meaning = meaning;
        this.runner = runner;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Answer ask() {
        Optional<CommandRunner.Result> result = runner.run(command, timeout);
        if (result.isEmpty()) {
            return new Answer(Verdict.UNAVAILABLE, command.get(0) + " is not installed or did not answer");
        }
        return meaning.apply(result.get());
    }

    /** The first line of a command's output, shortened, for a detail. */
    static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
