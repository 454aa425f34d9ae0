package io.weir.demo;

import java.nio.file.Path;

/** Chain options for tests: any free ports, the gateway jar and profiles that the build passes in. */
final class ChainFixture {

    private ChainFixture() {
    }

    static Chain.Options options(Path workDir) {
        return new Chain.Options(workDir, "127.0.0.1", 0, 0, 0, 0, Path.of(System.getProperty("weir.gateway.jar")),
                Path.of(System.getProperty("weir.profiles.dir")), "200ms", null, 1);
    }
}
