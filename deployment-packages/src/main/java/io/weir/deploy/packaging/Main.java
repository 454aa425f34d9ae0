package io.weir.deploy.packaging;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code weir-dp build|sign|verify ...}: builds deployment packages from bundle JARs and resources, signs them and
 * checks them. Exits 0 when done,
 * 1 when a package or bundle is refused or a file cannot be read or written, 2 on a usage error.
 */
@Command(name = "weir-dp", description = "Builds, signs and verifies OSGi deployment packages (.dp) of Weir bundles and resources.",
        subcommands = {BuildCommand.class, SignCommand.class, VerifyCommand.class})
public final class Main implements Runnable {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for {@link #main} and for tests, which run it in-process with their own out and err. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .registerConverter(OsgiVersion.class, converter(OsgiVersion::parse))
                .registerConverter(VersionRange.class, converter(VersionRange::parse))
                .setExecutionExceptionHandler(Main::fileProblem);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: build, sign or verify");
    }

    // picocli reports a TypeConversionException's message as it is; our parsers say exactly what is wrong
    private static <T> CommandLine.ITypeConverter<T> converter(Function<String, T> parser) {
        return text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }

    // A missing or unreadable file is for the user to fix, not a bug to debug: one line, no stack trace.
    private static int fileProblem(Exception e, CommandLine commandLine, ParseResult parsed) throws Exception {
        if (!(e instanceof IOException)) {
            throw e;
        }
        String message = e instanceof NoSuchFileException missing
                ? "no such file: " + missing.getFile()
                : Objects.requireNonNullElse(e.getMessage(), e.toString());
        commandLine.getErr().println("error: " + message);
        return 1;
    }
}
