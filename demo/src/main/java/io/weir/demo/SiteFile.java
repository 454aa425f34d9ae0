package io.weir.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the site file of the demo's river station (the format is docs/configuration.md). */
public final class SiteFile {

    /** The SL 651 rain stations upstream of the river station: 10-digit codes and their passwords. */
    public static final String[] RAIN_STATIONS = {"0062001301", "0062001302"};
    public static final String[] PASSWORDS = {"1234", "2345"};
    /** The station pump's electricity meter (DL/T 645) and the outflow water meter (CJ/T 188). */
    public static final String PUMP_METER = "000102030425";
    public static final String WATER_METER = "78330011223344";

    private SiteFile() {
    }

    /**
     * The river station alone: its two Modbus devices, its siren and its level rule; the console on any free port.
     *
     * @param gatewayId     the gateway's id
     * @param modbusHost    where the simulated field devices answer
     * @param modbusPort    their Modbus TCP port (radar = unit 1, rain gauge = unit 2)
     * @param brokerUrl     the MQTT broker
     * @param pollInterval  e.g. {@code 1s}
     */
    public static String riverStation(String gatewayId, String modbusHost, int modbusPort, String brokerUrl,
                                      String pollInterval) {
        return site(gatewayId, modbusHost, modbusPort, brokerUrl, pollInterval, 0);
    }

    /**
     * The river station as the demo runs it: also the SL 651 centre of two rain stations upstream (their passwords
     * in files beside the site file: {@link #writeRainStationPasswords}), and with the station pump's electricity
     * meter (DL/T 645) and the outflow water meter (CJ/T 188) behind a serial device server at
     * {@code modbusHost:meterPort}.
     *
     * @param meterPort   the meters' device server; 0 for no meters
     * @param consolePort the technician's console; 0 for any free port (the gateway's log says which). Its token is
     *                    {@code console.token} beside the site file, which {@link ConsoleToken} writes.
     */
    public static String riverStation(String gatewayId, String modbusHost, int modbusPort, String brokerUrl,
                                      String pollInterval, int meterPort, int consolePort) {
        String rainStations = """
                sl651:                        # the gateway is also the SL 651 centre of two rain stations upstream;
                  port: 0                     # any free port: the gateway logs the one it took
                  stations:
                    - {code: "%1$s", passwordFile: %3$s}
                    - {code: "%2$s", passwordFile: %4$s}
                """.formatted(RAIN_STATIONS[0], RAIN_STATIONS[1], passwordFile(0), passwordFile(1));
        String upstreamRule = """
                  - id: upstream-rainstorm    # 5-minute rain from the SL 651 rain station, each interval once
                    type: rainfall
                    channel: %s/rain_5min
                    source: increment
                    preset: rainstorm-signal
                """.formatted(RAIN_STATIONS[0]);
        String meters = meterPort == 0 ? "" : """
                meters:                       # behind a serial device server: the pump's meter and the outflow meter
                  - {id: pump-meter, profile: dlt645-three-phase, address: "%1$s", link: "%3$s:%4$d", pollInterval: 10s}
                  - {id: outflow, profile: cjt188-cold-water, address: "%2$s", link: "%3$s:%4$d", pollInterval: 10s}
                """.formatted(PUMP_METER, WATER_METER, modbusHost, meterPort);
        return site(gatewayId, modbusHost, modbusPort, brokerUrl, pollInterval, consolePort) + upstreamRule
                + rainStations + meters;
    }

    /** Writes the rain stations' SL 651 passwords beside the site file, readable by their owner only. */
    public static void writeRainStationPasswords(Path siteFile) throws IOException {
        for (int i = 0; i < RAIN_STATIONS.length; i++) {
            Path file = siteFile.toAbsolutePath().resolveSibling(passwordFile(i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, PASSWORDS[i] + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static String passwordFile(int station) {
        return "sl651-" + RAIN_STATIONS[station] + ".password";
    }

    /** Ends with the rules list, so that more rules can follow. */
    private static String site(String gatewayId, String modbusHost, int modbusPort, String brokerUrl,
                               String pollInterval, int consolePort) {
        return """
                # Yuxi river station: a radar level gauge over the river and a tipping-bucket rain gauge,
                # both behind one Modbus TCP gateway. Warning level 3.50 m, guaranteed level 4.50 m.
                gateway:
                  id: %1$s
                site:
                  stationCode: "62001200"
                  name: Yuxi River Station
                  latitude: 30.2741
                  longitude: 120.1551
                uplink:
                  broker: %4$s
                console:                      # the technician's console; its token is console.token beside this file
                  port: %6$d
                devices:
                  - id: radar-1
                    profile: hlk-ld8001h
                    address: %2$s:%3$d
                    unitId: 1
                    pollInterval: %5$s
                  - id: rain-1
                    profile: rs485-tipping-bucket
                    address: %2$s:%3$d
                    unitId: 2
                    pollInterval: %5$s
                metrics:                      # Prometheus metrics at /metrics; any free port: the gateway logs it
                  port: 0
                gpio:                         # the station's siren, on pins in memory (no Raspberry Pi here)
                  provider: mock
                  outputs:
                    - {name: siren, pin: 27, trigger: red}
                rules:
                  - id: river-level
                    type: threshold
                    channel: radar-1/water_level
                    direction: above
                    levels: {blue: 3.0, yellow: 3.5, orange: 4.0, red: 4.5}
                    hysteresis: 0.05
                """.formatted(gatewayId, modbusHost, modbusPort, brokerUrl, pollInterval, consolePort);
    }
}
