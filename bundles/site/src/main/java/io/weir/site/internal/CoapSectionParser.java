package io.weir.site.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the site file's {@code coap} section: the server's settings and the CoAP devices with their identities,
 * keys and profiles (from {@code <profiles dir>/coap/<id>.yaml}). A problem about a key never quotes it.
 */
final class CoapSectionParser {

    static final String PROFILE_SUBDIR = "coap";
    private static final List<String> FIELDS = List.of("port", "bindAddress", "labPlainPort", "maxPayloadBytes",
            "requestsPerMinute", "staleAfterIntervals", "staleCheck", "maxConnections", "threads", "devices");
    private static final List<String> DEVICE_FIELDS = List.of("id", "profile", "identity", "keyFile", "keyHexFile",
            "key", "keyHex", "reportInterval", "tiltAlarm");
    static final double DEFAULT_TILT_ALARM = 10;
    static final double ALWAYS_TILT_ALARM = 90;
    private static final int MIN_KEY_BYTES = 8;
    private static final int MAX_KEY_BYTES = 64;

    private final Path profilesDir;
    private final Problems problems;
    private final FileFields files;
    private final Map<String, Optional<Parsed<CoapProfile>>> lookedUp = new HashMap<>();
    /** Every device id the section names, with its profile when that resolved, even when another field failed. */
    private final Map<String, Optional<CoapProfile>> named = new LinkedHashMap<>();

    CoapSectionParser(Path profilesDir, Problems problems, FileFields files) {
        this.profilesDir = profilesDir.resolve(PROFILE_SUBDIR);
        this.problems = problems;
        this.files = files;
    }

    /**
     * @param otherDeviceIds the ids of the file's Modbus devices: channel names share one space
     */
    Optional<CoapSite> parse(YamlMap map, Set<String> otherDeviceIds) {
        int before = problems.list().size();
        map.allowOnly(FIELDS);
        Map<String, Object> server = new LinkedHashMap<>();
        port(map, "port", 0).ifPresent(p -> server.put("port", p));
        port(map, "labPlainPort", -1).ifPresent(p -> server.put("labPlainPort", p));
        map.optionalText("bindAddress").ifPresent(a -> server.put("bindAddress", a));
        optionalInt(map, "maxPayloadBytes", 64, 65536).ifPresent(v -> server.put("maxPayloadBytes", v));
        optionalInt(map, "requestsPerMinute", 1, 6000).ifPresent(v -> server.put("requestsPerMinute", v));
        map.duration("staleCheck", false).filter(d -> {
            if (d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0) {
                return true;
            }
            problems.add(map.lineOf("staleCheck"), map.field("staleCheck"), "must be 1s .. 1h");
            return false;
        }).ifPresent(d -> server.put("staleCheckSeconds", (int) d.toSeconds()));
        optionalInt(map, "maxConnections", 16, 1_000_000).ifPresent(v -> server.put("maxConnections", v));
        optionalInt(map, "threads", 1, 64).ifPresent(v -> server.put("threads", v));
        int intervals = optionalInt(map, "staleAfterIntervals", 1, 1000)
                .orElse(CoapSite.DEFAULT_STALE_AFTER_INTERVALS);
        server.put("staleAfterIntervals", intervals);
        var devices = new ArrayList<CoapDevice>();
        var ids = new HashMap<String, Integer>();
        var identities = new HashMap<String, Integer>();
        for (YamlMap.Element element : map.list("devices", true)) {
            YamlMap.of(element.node(), element.path(), problems)
                    .flatMap(d -> device(d, otherDeviceIds, ids, identities))
                    .ifPresent(devices::add);
        }
        return problems.list().size() == before ? Optional.of(new CoapSite(server, intervals, devices))
                : Optional.empty();
    }

    private Optional<CoapDevice> device(YamlMap map, Set<String> otherIds, Map<String, Integer> ids,
                                        Map<String, Integer> identities) {
        map.allowOnly(DEVICE_FIELDS);
        Optional<String> id = map.requiredText("id", DeviceParser.DEVICE_ID).filter(text -> {
            Integer first = ids.putIfAbsent(text, map.lineOf("id"));
            if (first != null || otherIds.contains(text)) {
                problems.add(map.lineOf("id"), map.field("id"), "'" + text + "' is already the id of "
                        + (first != null ? "the CoAP device on line " + first : "another device of this file"));
                return false;
            }
            return true;
        });
        Optional<CoapProfile> profile = map.requiredText("profile", ProfileParser.PROFILE_ID)
                .flatMap(p -> profile(p, map));
        id.ifPresent(i -> named.put(i, profile));
        Optional<String> identity = map.requiredText("identity").filter(text -> {
            Integer first = identities.putIfAbsent(text, map.lineOf("identity"));
            if (first != null) {
                problems.add(map.lineOf("identity"), map.field("identity"), "is already the identity of the CoAP"
                        + " device on line " + first);
                return false;
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > 128) {
                problems.add(map.lineOf("identity"), map.field("identity"), "is longer than 128 bytes");
                return false;
            }
            return true;
        });
        Optional<CoapDevice.Key> key = key(map);
        Optional<Duration> interval = map.duration("reportInterval", false).filter(d -> {
            if (d.compareTo(Duration.ofSeconds(10)) >= 0) {
                return true;
            }
            problems.add(map.lineOf("reportInterval"), map.field("reportInterval"), "is shorter than 10s");
            return false;
        }).or(() -> profile.map(CoapProfile::reportInterval));
        Optional<Double> tilt = map.optionalNumber("tiltAlarm").filter(t -> {
            if (t > 0 && t < ALWAYS_TILT_ALARM) {
                return true;
            }
            problems.add(map.lineOf("tiltAlarm"), map.field("tiltAlarm"), map.scalarText("tiltAlarm")
                    + " must be above 0 and below " + (int) ALWAYS_TILT_ALARM + " (beyond which the cover always"
                    + " alarms)");
            return false;
        });
        if (map.keys().contains("tiltAlarm") && profile.isPresent() && profile.get().tiltAngle() == null) {
            problems.add(map.lineOf("tiltAlarm"), map.field("tiltAlarm"), "profile '" + profile.get().id()
                    + "' has no tiltAngle");
        }
        if (id.isEmpty() || profile.isEmpty() || identity.isEmpty() || key.isEmpty() || interval.isEmpty()) {
            return Optional.empty();
        }
        double tiltAlarm = profile.get().tiltAngle() == null ? Double.NaN : tilt.orElse(DEFAULT_TILT_ALARM);
        return Optional.of(new CoapDevice(id.get(), profile.get(), identity.get(), key.get(), interval.get(),
                tiltAlarm, Problems.lineOf(map.node())));
    }

    /** The device ids read so far with their profiles: rules may name their channels whatever else failed. */
    Map<String, Optional<CoapProfile>> named() {
        return Map.copyOf(named);
    }

    /**
     * {@code keyFile} (the key as text, as libcoap's -k takes it) or {@code keyHexFile}; exactly one. Keys written
     * into the site file itself are refused.
     */
    private Optional<CoapDevice.Key> key(YamlMap map) {
        files.refuseInline(map, "key", "keyFile");
        files.refuseInline(map, "keyHex", "keyHexFile");
        boolean text = map.keys().contains("keyFile");
        boolean hex = map.keys().contains("keyHexFile");
        if (text == hex) {
            problems.add(Problems.lineOf(map.node()), map.path(), text ? "give keyFile or keyHexFile, not both"
                    : "needs keyFile (the key as text) or keyHexFile");
            return Optional.empty();
        }
        String field = text ? "keyFile" : "keyHexFile";
        return files.secret(map, field).filter(secret -> {
            int length = secret.bytes().length;
            if (hex) {
                try {
                    length = HexFormat.of().parseHex(new String(secret.bytes(), StandardCharsets.US_ASCII).strip())
                            .length;
                } catch (IllegalArgumentException e) {
                    problems.add(map.lineOf(field), map.field(field), "does not hold an even number of hex digits");
                    return false;
                }
            }
            if (length >= MIN_KEY_BYTES && length <= MAX_KEY_BYTES) {
                return true;
            }
            problems.add(map.lineOf(field), map.field(field), "the key must be " + MIN_KEY_BYTES + ".."
                    + MAX_KEY_BYTES + " bytes, is " + length);
            return false;
        }).map(secret -> new CoapDevice.Key(secret.file(), hex, secret.stamp()));
    }

    private Optional<CoapProfile> profile(String profileId, YamlMap map) {
        boolean firstUse = !lookedUp.containsKey(profileId);
        Path file = profilesDir.resolve(profileId + ".yaml");
        Optional<Parsed<CoapProfile>> found = lookedUp.computeIfAbsent(profileId,
                id -> Files.isRegularFile(file) ? Optional.of(new CoapProfileParser().parse(file)) : Optional.empty());
        if (found.isEmpty()) {
            problems.add(map.lineOf("profile"), map.field("profile"), "no CoAP profile '" + profileId + "' in "
                    + profilesDir + " (looked for " + file.getFileName() + ")");
            return Optional.empty();
        }
        if (!found.get().ok()) {
            if (firstUse) {
                problems.addAll(found.get().problems());
            }
            problems.add(map.lineOf("profile"), map.field("profile"), "profile '" + profileId + "' has "
                    + found.get().problems().size() + " problem(s), reported against " + file.getFileName());
        }
        return found.get().value();
    }

    private Optional<Integer> port(YamlMap map, String key, int min) {
        return optionalInt(map, key, min, 65535);
    }

    private static Optional<Integer> optionalInt(YamlMap map, String key, int min, int max) {
        return map.keys().contains(key) ? map.requiredInt(key, min, max) : Optional.empty();
    }
}
