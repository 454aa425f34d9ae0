package io.weir.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.simulator.Main;
import io.weir.simulator.broker.EmbeddedBroker;
import io.weir.simulator.county.CountyPlatformSimulator;
import io.weir.simulator.scenario.ScenarioFormatException;
import picocli.CommandLine;

class MainTest {

    @Test
    void helpNamesTheThreeStandIns() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("broker").contains("county").contains("field");
    }

    @Test
    void noSubcommandIsAUsageError() {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));

        assertThat(cli.execute()).isEqualTo(2);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));

        assertThat(cli.execute("field", "--sped", "600")).isEqualTo(2);
    }

    @Test
    void brokerStartsWhereItIsToldAndSaysOnWhichPort(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("broker.port");
        BrokerCommand command = parse(BrokerCommand.class, "broker", "--host", "127.0.0.1", "--port", "0",
                "--port-file", portFile.toString());

        try (EmbeddedBroker broker = command.start()) {
            assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
            assertThat(canConnect(broker.port())).isTrue();
            assertThat(java.nio.file.Files.readString(portFile)).isEqualTo(broker.port() + "\n");
        }
    }

    @Test
    void countyStartsWithItsKeys() throws Exception {
        CountyCommand command = parse(CountyCommand.class, "county", "--port", "0", "--app-key", "k",
                "--app-secret", "s");

        try (CountyPlatformSimulator platform = command.start()) {
            assertThat(canConnect(platform.baseUri().getPort())).isTrue();
        }
    }

    @Test
    void countyWithoutASecretSaysWhatIsMissing() {
        CountyCommand command = parse(CountyCommand.class, "county", "--port", "0", "--app-key", "k",
                "--app-secret", "");

        assertThatThrownBy(command::start).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--app-secret");
    }

    @Test
    void fieldStartsTheDevicesAndTheReplay() throws Exception {
        FieldCommand command = parse(FieldCommand.class, "field", "--port", "0", "--scenario", "flood-storm",
                "--speed", "600");

        try (FieldCommand.FieldStation station = command.start()) {
            assertThat(station.player().rowsPlayed()).isPositive();
            assertThat(canConnect(station.devices().port())).isTrue();
        }
    }

    @Test
    void fieldWithABadScenarioFileNamesIt(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("broken.csv"), "minute,water_level_m,rain_mm\nx,1,0\n");
        FieldCommand command = parse(FieldCommand.class, "field", "--port", "0", "--scenario", file.toString());

        assertThatThrownBy(command::start).isInstanceOf(ScenarioFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line 2, column 1");
    }

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    private static boolean canConnect(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        }
    }
}
