package io.weir.site.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a checked {@code coap} section into what the rest of the site needs: the CoAP devices as channel sources
 * the rules may name ({@code cover-17/ch4}), and the configurations of docs/configuration.md - the server, one
 * per device (the file of its key), and per device the rules every CoAP device
 * gets: a no-data fault rule on its heartbeat (silence of its report interval times staleAfterIntervals raises a
 * FAULT alarm) and, for a cover, a threshold rule on its tilt deviation (yellow beyond tiltAlarm, 10 degrees by
 * default; red beyond 90 always).
 */
final class CoapChannels {

    static final String SERVER_PID = "io.weir.coap.server";
    static final String DEVICE_FACTORY_PID = "io.weir.coap.device";
    static final String FAULT_FACTORY_PID = "io.weir.rules.fault";
    static final String THRESHOLD_FACTORY_PID = "io.weir.rules.threshold";

    private static final ObjectMapper JSON = new ObjectMapper();

    static String silentRuleId(String deviceId) {
        return "coap-silent-" + deviceId;
    }

    static String tiltRuleId(String deviceId) {
        return "coap-tilt-" + deviceId;
    }

    /** Each device's channels: its points, then the derived tilt_deviation (covers) and heartbeat. */
    static Map<String, Optional<ChannelSource>> sources(Map<String, Optional<CoapProfile>> devices) {
        var sources = new LinkedHashMap<String, Optional<ChannelSource>>();
        devices.forEach((id, profile) -> sources.put(id, profile.map(CoapChannels::source)));
        return sources;
    }

    private static ChannelSource source(CoapProfile profile) {
        var units = new LinkedHashMap<String, String>();
        profile.points().forEach(p -> units.put(p.name(), p.unit()));
        if (profile.tiltAngle() != null) {
            units.put(CoapProfile.TILT_DEVIATION, units.get(profile.tiltAngle()));
        }
        units.put(CoapProfile.HEARTBEAT, "");
        return new ChannelSource("CoAP profile '" + profile.id() + "'", units);
    }

    static List<SectionConfiguration> configurations(CoapSite coap, String stationCode) {
        var configurations = new ArrayList<SectionConfiguration>();
        configurations.add(new SectionConfiguration(SERVER_PID, null, coap.server()));
        for (CoapDevice device : coap.devices()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("deviceId", device.id());
            p.put("stationCode", stationCode);
            p.put("identity", device.identity());
            p.put("keyFile", device.key().file().toString());
            p.put("keyHex", device.key().hex());
            p.put("keyStamp", device.key().stamp());
            p.put("reportIntervalSeconds", device.reportInterval().toSeconds());
            p.put("profileId", device.profile().id());
            p.put("profile", profileJson(device.profile()));
            configurations.add(new SectionConfiguration(DEVICE_FACTORY_PID, device.id(), p));

            String channels = stationCode + "/" + device.id() + "/";
            Map<String, Object> silent = new LinkedHashMap<>();
            silent.put("ruleId", silentRuleId(device.id()));
            silent.put("channel", channels + CoapProfile.HEARTBEAT);
            silent.put("noDataAfterSeconds", device.reportInterval().toSeconds() * coap.staleAfterIntervals());
            configurations.add(new SectionConfiguration(FAULT_FACTORY_PID, silentRuleId(device.id()), silent));
            if (!Double.isNaN(device.tiltAlarm())) {
                Map<String, Object> tilt = new LinkedHashMap<>();
                tilt.put("ruleId", tiltRuleId(device.id()));
                tilt.put("channel", channels + CoapProfile.TILT_DEVIATION);
                tilt.put("direction", Direction.ABOVE.name());
                tilt.put("yellow", device.tiltAlarm());
                tilt.put("red", CoapSectionParser.ALWAYS_TILT_ALARM);
                tilt.put("hysteresis", 1.0);
                tilt.put("unit", source(device.profile()).units().get(CoapProfile.TILT_DEVIATION));
                configurations.add(new SectionConfiguration(THRESHOLD_FACTORY_PID, tiltRuleId(device.id()), tilt));
            }
        }
        return configurations;
    }

    /** The profile as the coap bundle reads it (io.weir.coap.internal.CoapProfile). */
    static String profileJson(CoapProfile profile) {
        var points = new ArrayList<Map<String, Object>>();
        for (CoapPoint point : profile.points()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", point.name());
            p.put("senml", point.senml());
            p.put("unit", point.unit());
            p.put("senmlUnit", point.senmlUnit());
            p.put("scale", point.scale());
            p.put("offset", point.offset());
            points.add(p);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", profile.id());
        doc.put("tiltAngle", profile.tiltAngle());
        doc.put("points", points);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CoAP profile " + profile.id() + " as JSON", e);
        }
    }

    /** The generated rules' ids must not clash with the site file's own. */
    static void checkRuleIds(CoapSite coap, List<SiteRule> rules, Problems problems) {
        Set<String> taken = rules.stream().map(SiteRule::id).collect(Collectors.toSet());
        for (CoapDevice device : coap.devices()) {
            for (String generated : List.of(silentRuleId(device.id()), tiltRuleId(device.id()))) {
                if (taken.contains(generated)) {
                    problems.add(device.line(), "coap.devices", "device " + device.id() + " needs the rule id '"
                            + generated + "', which a rule under rules already has");
                }
            }
        }
    }

    private CoapChannels() {
    }
}
