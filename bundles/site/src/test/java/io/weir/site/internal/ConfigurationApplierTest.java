package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigurationApplierTest {

    private final FakeConfigurationAdmin configAdmin = new FakeConfigurationAdmin();
    private final ConfigurationApplier applier = new ConfigurationApplier(configAdmin);

    private final TargetConfiguration site = TargetConfiguration.singleton("io.weir.site",
            Map.of("gatewayId", "gw-1", "latitude", 30.0, ConfigurationMapper.MANAGED, true));
    private final TargetConfiguration radar = TargetConfiguration.factory("io.weir.modbus.device", "radar-1",
            Map.of("deviceId", "radar-1", "unitId", 1, ConfigurationMapper.MANAGED, true));
    private final TargetConfiguration rain = TargetConfiguration.factory("io.weir.modbus.device", "rain-1",
            Map.of("deviceId", "rain-1", "unitId", 2, ConfigurationMapper.MANAGED, true));

    @Test
    void firstApplyCreatesEveryConfiguration() throws IOException {
        ApplyReport report = applier.apply(List.of(site, radar, rain));

        assertThat(report.created()).containsExactly("io.weir.site", "io.weir.modbus.device~radar-1",
                "io.weir.modbus.device~rain-1");
        assertThat(configAdmin.properties("io.weir.modbus.device~radar-1").get("unitId")).isEqualTo(1);
        assertThat(configAdmin.properties("io.weir.modbus.device~radar-1").get("service.factoryPid"))
                .isEqualTo("io.weir.modbus.device");
    }

    @Test
    void reapplyingTheSameSiteTouchesNothing() throws IOException {
        applier.apply(List.of(site, radar, rain));

        ApplyReport again = applier.apply(List.of(site, radar, rain));

        assertThat(again.unchanged()).hasSize(3);
        assertThat(again.created()).isEmpty();
        assertThat(again.updated()).isEmpty();
        assertThat(again.deleted()).isEmpty();
        assertThat(configAdmin.totalUpdates()).isEqualTo(3); // the three creations, nothing since
    }

    @Test
    void updatesOnlyTheConfigurationThatChanged() throws IOException {
        applier.apply(List.of(site, radar, rain));

        ApplyReport report = applier.apply(List.of(site, with(radar, "unitId", 7), rain));

        assertThat(report.updated()).containsExactly("io.weir.modbus.device~radar-1");
        assertThat(report.unchanged()).containsExactly("io.weir.site", "io.weir.modbus.device~rain-1");
        assertThat(configAdmin.updateCount("io.weir.modbus.device~radar-1")).isEqualTo(2);
        assertThat(configAdmin.updateCount("io.weir.modbus.device~rain-1")).isEqualTo(1);
        assertThat(configAdmin.properties("io.weir.modbus.device~radar-1").get("unitId")).isEqualTo(7);
    }

    @Test
    void aRetypedValueIsAChange() throws IOException {
        applier.apply(List.of(radar));

        ApplyReport report = applier.apply(List.of(with(radar, "unitId", 1L)));

        assertThat(report.updated()).containsExactly("io.weir.modbus.device~radar-1");
    }

    @Test
    void aRemovedPropertyIsAChange() throws IOException {
        var uplink = TargetConfiguration.singleton("io.weir.uplink",
                Map.of("brokerUrl", "tcp://h", ".password", "pw", ConfigurationMapper.MANAGED, true));
        applier.apply(List.of(uplink));

        applier.apply(List.of(TargetConfiguration.singleton("io.weir.uplink",
                Map.of("brokerUrl", "tcp://h", ConfigurationMapper.MANAGED, true))));

        assertThat(configAdmin.properties("io.weir.uplink").get(".password")).isNull();
    }

    @Test
    void deletesManagedConfigurationsTheSiteNoLongerNamesAndNothingElse() throws IOException {
        configAdmin.put("io.weir.store", Map.of("dataDir", "data")); // not the site bundle's
        applier.apply(List.of(site, radar, rain));

        ApplyReport report = applier.apply(List.of(site, radar));

        assertThat(report.deleted()).containsExactly("io.weir.modbus.device~rain-1");
        assertThat(configAdmin.pids()).containsExactly("io.weir.modbus.device~radar-1", "io.weir.site",
                "io.weir.store");
    }

    private static TargetConfiguration with(TargetConfiguration target, String key, Object value) {
        Map<String, Object> properties = new HashMap<>(target.properties());
        properties.put(key, value);
        return new TargetConfiguration(target.pid(), target.name(), properties);
    }
}
