package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

class ConfigurationMapperTest {

    private final ConfigurationMapper mapper = new ConfigurationMapper(new ObjectMapper());
    private final SiteModel site = TestFiles.parserFor("good").parse(TestFiles.resource("good/site.yaml"))
            .value().orElseThrow();

    @Test
    void mapsTheSiteToExactlyTheDocumentedConfigurations() {
        List<TargetConfiguration> targets = mapper.map(site);

        assertThat(targets).extracting(TargetConfiguration::toString).containsExactly(
                "io.weir.uplink", "io.weir.site",
                "io.weir.modbus.device~radar-1", "io.weir.modbus.device~rain-1", "io.weir.modbus.device~pump-meter",
                "io.weir.rules.threshold~river-level", "io.weir.rules.threshold~pump-undervoltage");

        assertThat(targets.get(1).properties()).containsExactly(
                entry("gatewayId", "gw-yx-001"),
                entry("latitude", 30.2741),
                entry("longitude", 120.1551),
                entry("name", "Yuxi River Station"),
                entry("stationCode", "62001200"),
                entry("weir.site.managed", true));

        assertThat(targets.get(0).properties()).containsOnlyKeys("brokerUrl", "profiles", "username", "passwordFile",
                "secretsStamp", "weir.site.managed").contains(
                entry("brokerUrl", "tcp://127.0.0.1:1883"),
                entry("passwordFile", TestFiles.resource("good/uplink.password").toString()),
                entry("profiles", new String[] {"hlk-ld8001h", "rs485-tipping-bucket", "test-meter"}),
                entry("username", "gw-yx-001"),
                entry("weir.site.managed", true));
        assertThat(targets.get(0).properties().values()).noneMatch(value -> value.toString().contains("s3cret"));

        Map<String, Object> radar = targets.get(2).properties();
        assertThat(radar).containsOnlyKeys("deviceId", "host", "port", "transport", "unitId", "pollIntervalMs",
                "stationCode", "profileId", "profile", "weir.site.managed");
        assertThat(radar).contains(
                entry("deviceId", "radar-1"),
                entry("host", "127.0.0.1"),
                entry("port", 5020),
                entry("transport", "tcp"),
                entry("unitId", 1),
                entry("pollIntervalMs", 5000L),
                entry("stationCode", "62001200"),
                entry("profileId", "hlk-ld8001h"));
        assertThat(targets.get(4).properties()).contains(entry("host", "::1"), entry("pollIntervalMs", 500L));

        assertThat(targets.get(5).properties()).containsExactly(
                entry("blue", 3.0),
                entry("channel", "62001200/radar-1/water_level"),
                entry("direction", "ABOVE"),
                entry("hysteresis", 0.05),
                entry("orange", 4.0),
                entry("red", 4.5),
                entry("ruleId", "river-level"),
                entry("unit", "m"),
                entry("weir.site.managed", true),
                entry("yellow", 3.5));
        // unused levels are absent, not null or NaN
        assertThat(targets.get(6).properties()).doesNotContainKeys("blue", "orange")
                .contains(entry("direction", "BELOW"), entry("yellow", 200.0), entry("red", 180.0),
                        entry("hysteresis", 2.0), entry("unit", "V"));
    }

    @Test
    void propertyValuesHaveTheDocumentedJavaTypes() {
        List<TargetConfiguration> targets = mapper.map(site);

        assertThat(targets.get(1).properties().get("latitude")).isInstanceOf(Double.class);
        assertThat(targets.get(2).properties().get("port")).isInstanceOf(Integer.class);
        assertThat(targets.get(2).properties().get("unitId")).isInstanceOf(Integer.class);
        assertThat(targets.get(2).properties().get("pollIntervalMs")).isInstanceOf(Long.class);
        assertThat(targets.get(2).properties().get("profile")).isInstanceOf(String.class);
        assertThat(targets.get(5).properties().get("hysteresis")).isInstanceOf(Double.class);
        assertThat(targets.get(6).properties().get("red")).isInstanceOf(Double.class);
    }

    @Test
    void profileIsTheJsonJacksonWritesForTheRecord() {
        var profile = new DeviceProfile("hlk-ld8001h", "Hi-Link", "HLK-LD8001H", 16, 500,
                List.of(new Point("water_level", 3, 3, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m", 0, 0, 3)));

        // the example in docs/configuration.md, character for character
        assertThat(mapper.profileJson(profile)).isEqualTo("{\"id\":\"hlk-ld8001h\",\"manufacturer\":\"Hi-Link\","
                + "\"model\":\"HLK-LD8001H\",\"maxBlockRegisters\":16,\"timeoutMillis\":500,\"points\":[{\"name\":"
                + "\"water_level\",\"function\":3,\"address\":3,\"type\":\"UINT16\",\"wordOrder\":\"ABCD\","
                + "\"scale\":0.001,\"offset\":0.0,\"unit\":\"m\",\"length\":0,\"writeFunction\":0,\"decimals\":3,"
                + "\"deadband\":null,\"heartbeatMillis\":0}],"
                + "\"holes\":[],\"maxGap\":0,\"firstRegister\":0}");
    }

    @Test
    void profileJsonReadsBackIntoTheSameRecord() throws Exception {
        DeviceProfile radar = site.devices().get(0).profile();
        String json = (String) mapper.map(site).get(2).properties().get("profile");

        assertThat(new ObjectMapper().readValue(json, DeviceProfile.class)).isEqualTo(radar);
    }

    /** SiteComponent reads io.weir.site through SiteConfig: its method names must be the mapped property names. */
    @Test
    void siteConfigurationMatchesTheMetatypeDefinition() {
        List<String> attributes = Arrays.stream(SiteConfig.class.getDeclaredMethods()).map(Method::getName).toList();

        assertThat(mapper.map(site).get(1).properties().keySet())
                .containsExactlyInAnyOrderElementsOf(concat(attributes, ConfigurationMapper.MANAGED));
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
