package io.weir.site.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.AlarmLevel;
import io.weir.api.SiteInfo;
import io.weir.api.profile.DeviceProfile;

/**
 * Turns a checked site into the ConfigAdmin configurations of docs/configuration.md. PIDs, property names and
 * property types here are the contract with the bundles that consume them; change them only with that document.
 */
final class ConfigurationMapper {

    /** Marks a configuration as written by the site bundle, so a reload may update or delete it. */
    static final String MANAGED = "weir.site.managed";

    static final String SITE_PID = "io.weir.site";
    static final String UPLINK_PID = "io.weir.uplink";
    static final String DEVICE_FACTORY_PID = "io.weir.modbus.device";
    static final String THRESHOLD_FACTORY_PID = "io.weir.rules.threshold";

    private final ObjectMapper json;

    ConfigurationMapper(ObjectMapper json) {
        this.json = json;
    }

    List<TargetConfiguration> map(SiteModel model) {
        var targets = new ArrayList<TargetConfiguration>();
        // the uplink first: ConfigAdmin tells the components in this order, one at a time, and the uplink (waiting
        // for the site's service, which comes next) starts its MQTT connect before the devices are activated
        targets.add(TargetConfiguration.singleton(UPLINK_PID, uplink(model.uplink(), profileIds(model))));
        targets.add(TargetConfiguration.singleton(SITE_PID, site(model.site())));
        for (Device device : model.devices()) {
            targets.add(TargetConfiguration.factory(DEVICE_FACTORY_PID, device.id(),
                    device(device, model.site().stationCode())));
        }
        for (SiteRule rule : model.rules()) {
            if (rule instanceof ThresholdRule threshold) {
                targets.add(TargetConfiguration.factory(THRESHOLD_FACTORY_PID, rule.id(), rule(threshold)));
            } else if (rule instanceof MappedRule mapped) {
                Map<String, Object> p = managed();
                p.putAll(mapped.properties());
                targets.add(TargetConfiguration.factory(mapped.factoryPid(), rule.id(), p));
            }
        }
        for (SectionConfiguration section : model.sections()) {
            Map<String, Object> p = managed();
            p.putAll(section.properties());
            targets.add(section.name() == null ? TargetConfiguration.singleton(section.pid(), p)
                    : TargetConfiguration.factory(section.pid(), section.name(), p));
        }
        return List.copyOf(targets);
    }

    private static Map<String, Object> site(SiteInfo site) {
        Map<String, Object> p = managed();
        p.put("gatewayId", site.gatewayId());
        p.put("stationCode", site.stationCode());
        p.put("name", site.name());
        p.put("latitude", site.latitude());
        p.put("longitude", site.longitude());
        return p;
    }

    /** The profiles in use, sorted and without repeats: the uplink announces them in the gateway's birth. */
    private static String[] profileIds(SiteModel model) {
        return model.devices().stream().map(d -> d.profile().id()).distinct().sorted().toArray(String[]::new);
    }

    private static Map<String, Object> uplink(Uplink uplink, String[] profiles) {
        Map<String, Object> p = managed();
        p.put("brokerUrl", uplink.brokerUrl());
        p.put("profiles", profiles);
        uplink.username().ifPresent(u -> p.put("username", u));
        uplink.passwordFile().ifPresent(file -> p.put("passwordFile", file.toString()));
        uplink.tls().caFile().ifPresent(file -> p.put("caFile", file.toString()));
        uplink.tls().certFile().ifPresent(file -> p.put("certFile", file.toString()));
        uplink.tls().keyFile().ifPresent(file -> p.put("keyFile", file.toString()));
        uplink.maxCommandBytes().ifPresent(bytes -> p.put("maxCommandBytes", bytes));
        uplink.reconnectMaxSeconds().ifPresent(seconds -> p.put("maxReconnectDelaySeconds", seconds));
        uplink.commandLifetimeSeconds().ifPresent(seconds -> p.put("maxCommandLifetimeSeconds", seconds));
        uplink.telemetryEncoding().ifPresent(encoding -> p.put("telemetryEncoding", encoding));
        if (!uplink.secretsStamp().isEmpty()) {
            p.put("secretsStamp", uplink.secretsStamp()); // a rotated secret restarts the uplink with the new one
        }
        return p;
    }

    private Map<String, Object> device(Device device, String stationCode) {
        Map<String, Object> p = managed();
        p.put("deviceId", device.id());
        p.put("transport", device.transport());
        if (device.serial() == null) {
            p.put("host", device.host());
            p.put("port", device.port());
        } else {
            p.put("serialPort", device.serial().port());
            p.put("baudRate", device.serial().baudRate());
            p.put("dataBits", device.serial().dataBits());
            p.put("parity", device.serial().parity());
            p.put("stopBits", device.serial().stopBits());
        }
        p.put("unitId", device.unitId());
        p.put("pollIntervalMs", device.pollInterval().toMillis());
        p.put("stationCode", stationCode);
        p.put("profileId", device.profile().id());
        p.put("profile", profileJson(device.profile()));
        return p;
    }

    private static Map<String, Object> rule(ThresholdRule rule) {
        Map<String, Object> p = managed();
        p.put("ruleId", rule.id());
        p.put("channel", rule.channel());
        p.put("direction", rule.direction().name());
        for (Map.Entry<AlarmLevel, Double> level : rule.levels().entrySet()) {
            p.put(level.getKey().name().toLowerCase(Locale.ROOT), level.getValue());
        }
        p.put("hysteresis", rule.hysteresis());
        p.put("unit", rule.unit());
        if (!rule.minHold().isZero()) {
            p.put("minHoldSeconds", rule.minHold().toSeconds());
        }
        if (!rule.staleAfter().isZero()) {
            p.put("staleAfterSeconds", rule.staleAfter().toSeconds());
        }
        return p;
    }

    String profileJson(DeviceProfile profile) {
        try {
            return json.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            // a record of strings, numbers and enums always serialises; failing here is a bug, not bad input
            throw new IllegalStateException("cannot write profile " + profile.id() + " as JSON", e);
        }
    }

    private static Map<String, Object> managed() {
        Map<String, Object> p = new HashMap<>();
        p.put(MANAGED, Boolean.TRUE);
        return p;
    }
}
