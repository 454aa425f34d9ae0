package io.weir.bench.nodered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Node-RED and node-red-contrib-modbus, installed with npm into a directory of the benchmark's own
 * ({@code benchmarks/target/nodered} by default), once: a directory that already holds them is used as it is.
 */
final class NodeRedInstall {

    /** What an integrator gets from npm on Node.js 20 today; the installed versions are reported. */
    static final String NODE_RED = "node-red@4";
    static final String MODBUS_NODES = "node-red-contrib-modbus@5.23";

    private final Path directory;

    private NodeRedInstall(Path directory) {
        this.directory = directory;
    }

    static NodeRedInstall ensure(Path directory) throws IOException, InterruptedException {
        var install = new NodeRedInstall(directory.toAbsolutePath());
        if (!Files.isRegularFile(install.packageJson("node-red"))
                || !Files.isRegularFile(install.packageJson("node-red-contrib-modbus"))) {
            Files.createDirectories(install.directory);
            Path manifest = install.directory.resolve("package.json");
            if (!Files.exists(manifest)) {
                Files.writeString(manifest, "{\"private\": true}\n");
            }
            System.out.println("installing " + NODE_RED + " " + MODBUS_NODES + " into " + install.directory);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", NODE_RED, MODBUS_NODES)
                    .directory(install.directory.toFile()).inheritIO().start();
            if (npm.waitFor() != 0) {
                throw new IOException("npm install " + NODE_RED + " " + MODBUS_NODES + " failed (exit "
                        + npm.exitValue() + ") in " + install.directory);
            }
        }
        return install;
    }

    Path directory() {
        return directory;
    }

    Path redJs() {
        return directory.resolve("node_modules/node-red/red.js");
    }

    /** e.g. "node-red 4.1.15, node-red-contrib-modbus 5.23.3" */
    String versions() throws IOException {
        return "node-red " + version("node-red") + ", node-red-contrib-modbus " + version("node-red-contrib-modbus");
    }

    private String version(String module) throws IOException {
        return new ObjectMapper().readTree(packageJson(module).toFile()).path("version").asText("?");
    }

    private Path packageJson(String module) {
        return directory.resolve("node_modules").resolve(module).resolve("package.json");
    }
}
