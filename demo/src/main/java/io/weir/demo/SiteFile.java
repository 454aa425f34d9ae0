package io.weir.demo;

/** Writes the site file of the demo's river station (the format is docs/configuration.md). */
public final class SiteFile {

    private SiteFile() {
    }

    /**
     * @param gatewayId     the gateway's id
     * @param modbusHost    where the simulated field devices answer
     * @param modbusPort    their Modbus TCP port (radar = unit 1, rain gauge = unit 2)
     * @param brokerUrl     the MQTT broker
     * @param pollInterval  e.g. {@code 1s}
     */
    public static String riverStation(String gatewayId, String modbusHost, int modbusPort, String brokerUrl,
                                      String pollInterval) {
        return riverStation(gatewayId, modbusHost, modbusPort, brokerUrl, pollInterval, 0);
    }

    /**
     * @param consolePort the technician's console; 0 for any free port (the gateway's log says which). Its token is
     *                    {@code console.token} beside the site file, which {@link ConsoleToken} writes.
     */
    public static String riverStation(String gatewayId, String modbusHost, int modbusPort, String brokerUrl,
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
