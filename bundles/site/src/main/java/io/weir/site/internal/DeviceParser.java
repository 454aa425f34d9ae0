package io.weir.site.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.weir.api.profile.DeviceProfile;

/** Reads the {@code devices} list of a site file and resolves each device's profile. */
final class DeviceParser {

    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final List<String> FIELDS = List.of("id", "profile", "transport", "address", "serial", "unitId",
            "pollInterval");
    private static final int MIN_UNIT_ID = 1;
    private static final int MAX_UNIT_ID = 247;

    /**
     * @param devices  the devices that are fully valid
     * @param profiles every device id the file names, with its profile when that resolved; lets rules be checked
     *                 against a device whose own entry has a problem, without repeating that problem
     */
    record Result(List<Device> devices, Map<String, Optional<DeviceProfile>> profiles) {
    }

    private final ProfileDirectory directory;
    private final Problems problems;
    /** Each profile is read once per site file, and its problems reported once however many devices use it. */
    private final Map<String, Optional<Parsed<DeviceProfile>>> lookedUp = new HashMap<>();

    private final SerialLineParser serialLines;

    DeviceParser(ProfileDirectory directory, Problems problems) {
        this.directory = directory;
        this.problems = problems;
        this.serialLines = new SerialLineParser(problems);
    }

    Result parse(List<YamlMap.Element> elements) {
        var devices = new ArrayList<Device>();
        var profiles = new LinkedHashMap<String, Optional<DeviceProfile>>();
        var idPaths = new HashMap<String, String>();
        for (YamlMap.Element element : elements) {
            YamlMap.of(element.node(), element.path(), problems).ifPresent(map -> {
                map.allowOnly(FIELDS);
                Optional<String> id = map.requiredText("id", DEVICE_ID).filter(text -> {
                    String first = idPaths.putIfAbsent(text, map.path() + " (line " + map.lineOf("id") + ")");
                    if (first != null) {
                        problems.add(map.lineOf("id"), map.field("id"), "'" + text + "' is already the id of " + first);
                    }
                    return first == null;
                });
                Optional<DeviceProfile> profile = map.requiredText("profile", ProfileParser.PROFILE_ID)
                        .flatMap(profileId -> profile(profileId, map));
                id.ifPresent(i -> profiles.put(i, profile));
                device(map, id, profile).ifPresent(devices::add);
            });
        }
        return new Result(List.copyOf(devices), Map.copyOf(profiles));
    }

    private Optional<Device> device(YamlMap map, Optional<String> id, Optional<DeviceProfile> profile) {
        // Optional: most field devices speak Modbus TCP; serial device servers pass RTU frames through TCP, and
        // a device on the gateway's own RS-485 port speaks RTU on it.
        Optional<String> transport = map.optionalText("transport").or(() -> Optional.of("tcp")).filter(text -> {
            if (Device.TRANSPORTS.contains(text)) {
                return true;
            }
            problems.add(map.lineOf("transport"), map.field("transport"), "'" + text + "' is not one of "
                    + String.join(", ", Device.TRANSPORTS));
            return false;
        });
        boolean serial = transport.filter(Device.SERIAL::equals).isPresent();
        String unused = serial ? "address" : "serial";
        if (map.value(unused).isPresent()) {
            problems.add(map.lineOf(unused), map.field(unused), "is not used with transport "
                    + transport.orElse("tcp") + (serial ? "; give the line under serial" : "; give host:port as address"));
        }
        Optional<HostPort> address = serial ? Optional.empty() : map.requiredText("address").flatMap(text -> {
            try {
                return Optional.of(HostPort.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(map.lineOf("address"), map.field("address"), e.getMessage());
                return Optional.empty();
            }
        });
        Optional<SerialLine> line = serial ? serialLines.parse(map) : Optional.empty();
        Optional<Integer> unitId = map.requiredInt("unitId", MIN_UNIT_ID, MAX_UNIT_ID);
        Optional<Duration> pollInterval = map.requiredText("pollInterval").flatMap(text -> {
            try {
                Duration interval = Durations.parse(text);
                if (interval.compareTo(Device.MIN_POLL_INTERVAL) >= 0) {
                    return Optional.of(interval);
                }
                problems.add(map.lineOf("pollInterval"), map.field("pollInterval"), text + " is shorter than the "
                        + Device.MIN_POLL_INTERVAL.toMillis() + "ms minimum");
            } catch (IllegalArgumentException e) {
                problems.add(map.lineOf("pollInterval"), map.field("pollInterval"), e.getMessage());
            }
            return Optional.empty();
        });
        if (id.isEmpty() || profile.isEmpty() || transport.isEmpty() || unitId.isEmpty() || pollInterval.isEmpty()
                || (serial ? line.isEmpty() : address.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Device(id.get(), profile.get(), address.map(HostPort::host).orElse(null),
                address.map(HostPort::port).orElse(0), unitId.get(), pollInterval.get(), transport.get(),
                line.orElse(null)));
    }

    private Optional<DeviceProfile> profile(String profileId, YamlMap map) {
        boolean firstUse = !lookedUp.containsKey(profileId);
        Optional<Parsed<DeviceProfile>> found = lookedUp.computeIfAbsent(profileId, directory::find);
        if (found.isEmpty()) {
            problems.add(map.lineOf("profile"), map.field("profile"), "no profile '" + profileId + "' in "
                    + directory.dir() + " (looked for " + directory.fileOf(profileId).getFileName() + ")");
            return Optional.empty();
        }
        Parsed<DeviceProfile> parsed = found.get();
        if (!parsed.ok()) {
            if (firstUse) {
                problems.addAll(parsed.problems());
            }
            problems.add(map.lineOf("profile"), map.field("profile"), "profile '" + profileId + "' has "
                    + parsed.problems().size() + " problem(s), reported against "
                    + directory.fileOf(profileId).getFileName());
        }
        return parsed.value();
    }
}
