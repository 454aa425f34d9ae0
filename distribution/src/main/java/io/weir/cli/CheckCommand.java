package io.weir.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.weir.site.internal.Problem;
import io.weir.site.internal.SiteCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir check SITEFILE}: the runtime's own parsing, nothing started, every problem on its own line. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates a site file and the device profiles it names exactly as the gateway would, "
                + "without starting anything.",
                "Prints every problem as file:line: field: problem; the exit code is 1 when the file is invalid."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SITEFILE", description = "The site file, e.g. /etc/weir/site.yaml")
    Path siteFile;

    @Option(names = "--profiles", paramLabel = "DIR",
            description = "Device-profile directory (default: profiles/ beside the site file)")
    Path profiles;

    @Override
    public Integer call() {
        Path dir = profiles != null ? profiles
                : siteFile.toAbsolutePath().getParent().resolve(Installation.PROFILES_SUBDIR);
        SiteCheck.Result result = SiteCheck.check(siteFile, dir);
        if (result.ok()) {
            System.out.println(siteFile + ": ok: " + result.summary());
            return 0;
        }
        for (Problem problem : result.problems()) {
            System.out.println(problem);
        }
        System.out.println(siteFile + ": " + result.problems().size() + " problem(s); the gateway would not apply "
                + "this file");
        return 1;
    }
}
