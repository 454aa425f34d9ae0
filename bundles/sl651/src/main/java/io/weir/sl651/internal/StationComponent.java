package io.weir.sl651.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One registered station: in the registry while its configuration exists; a change replaces it in place. */
@Component(configurationPid = StationComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = StationConfig.class, factory = true)
public final class StationComponent {

    static final String PID = "io.weir.sl651.station";

    private static final Logger LOG = LoggerFactory.getLogger(StationComponent.class);

    private final StationRegistry registry;
    private String code;

    @Activate
    public StationComponent(StationConfig config, @Reference(name = "registry") StationRegistryComponent registry) {
        this.registry = registry.registry();
        apply(config);
    }

    @Modified
    void modified(StationConfig config) {
        apply(config);
    }

    private synchronized void apply(StationConfig config) {
        Station station = station(config);
        if (code != null && !code.equals(station.code())) {
            registry.remove(code);
        }
        registry.put(station);
        code = station.code();
        LOG.info("sl651 station {} registered", code);
    }

    @Deactivate
    synchronized void deactivate() {
        if (code != null) {
            registry.remove(code);
        }
    }

    /** @throws IllegalArgumentException naming the station and the field, never quoting the password */
    static Station station(StationConfig config) {
        return new Station(config.stationCode(), password(config.stationCode(), config._password()));
    }

    /** A password as configured: 4 hexadecimal digits. The message names the station, never the text. */
    static int password(String station, String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("[0-9A-Fa-f]{4}")) {
            throw new IllegalArgumentException("station " + station + ": .password is not 4 hexadecimal digits");
        }
        return Integer.parseInt(t, 16);
    }
}
