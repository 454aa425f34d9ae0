package io.weir.site.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code gpio} section of a site file: the driver, inputs (rain-gauge tip pulses, door and mains
 * contacts) and outputs (sirens, strobes, relays). An input is a device to the rules, with one point: {@code rain}
 * (mm since the previous reading) for tips, {@code state} for a contact.
 */
final class GpioParser {

    static final String GPIO_PID = "io.weir.gpio";
    static final String INPUT_FACTORY_PID = "io.weir.gpio.input";
    static final String OUTPUT_FACTORY_PID = "io.weir.gpio.output";

    private static final List<String> FIELDS = List.of("provider", "inputs", "outputs");
    private static final List<String> INPUT_FIELDS =
            List.of("id", "kind", "pin", "pull", "activeLow", "debounce", "mmPerTip", "report");
    private static final List<String> OUTPUT_FIELDS = List.of("name", "pin", "activeLow", "trigger", "releaseOnClear");
    private static final List<String> PROVIDERS = List.of("mock", "gpiod");
    private static final List<String> KINDS = List.of("tips", "state");
    private static final List<String> PULLS = List.of("up", "down", "off");
    private static final List<String> TRIGGERS = List.of("blue", "yellow", "orange", "red", "fault");
    /** BCM numbers of the Raspberry Pi's GPIO header. */
    private static final int MAX_PIN = 27;

    /** The section, checked: configurations to write, and the inputs as devices the rules may name. */
    record Result(List<SectionConfiguration> configurations, Map<String, Optional<ChannelSource>> devices) {
        static final Result NONE = new Result(List.of(), Map.of());
    }

    private final Problems problems;

    GpioParser(Problems problems) {
        this.problems = problems;
    }

    /**
     * @param section     the {@code gpio} mapping
     * @param stationCode prefix of the inputs' channels; empty when the site section has a problem
     * @param deviceIds   ids already taken by other devices
     */
    Result parse(YamlMap section, Optional<String> stationCode, Set<String> deviceIds) {
        section.allowOnly(FIELDS);
        var configurations = new ArrayList<SectionConfiguration>();
        var devices = new LinkedHashMap<String, Optional<ChannelSource>>();
        String provider = section.optionalChoice("provider", PROVIDERS).orElse("mock");
        configurations.add(new SectionConfiguration(GPIO_PID, null,
                Map.of("provider", provider.toUpperCase(Locale.ROOT))));
        var pins = new HashMap<Integer, String>();
        for (YamlMap.Element element : section.list("inputs", false)) {
            YamlMap.of(element.node(), element.path(), problems)
                    .flatMap(map -> input(map, stationCode, deviceIds, devices, pins))
                    .ifPresent(configurations::add);
        }
        var names = new HashMap<String, String>();
        for (YamlMap.Element element : section.list("outputs", false)) {
            YamlMap.of(element.node(), element.path(), problems)
                    .flatMap(map -> output(map, names, pins))
                    .ifPresent(configurations::add);
        }
        return new Result(List.copyOf(configurations), Map.copyOf(devices));
    }

    private Optional<SectionConfiguration> input(YamlMap map, Optional<String> stationCode, Set<String> deviceIds,
                                                Map<String, Optional<ChannelSource>> devices,
                                                Map<Integer, String> pins) {
        map.allowOnly(INPUT_FIELDS);
        Optional<String> id = map.requiredText("id", DeviceParser.DEVICE_ID).filter(text -> {
            if (deviceIds.contains(text) || devices.containsKey(text)) {
                problems.add(map.lineOf("id"), map.field("id"), "'" + text + "' is already the id of a device");
                return false;
            }
            return true;
        });
        Optional<String> kind = map.requiredText("kind").filter(text -> {
            if (KINDS.contains(text)) {
                return true;
            }
            problems.add(map.lineOf("kind"), map.field("kind"), "'" + text + "' is not one of tips, state");
            return false;
        });
        Optional<Integer> pin = pin(map, pins);
        String pull = map.optionalChoice("pull", PULLS).orElse("up");
        boolean activeLow = map.optionalBoolean("activeLow").orElse(true);
        Duration debounce = map.duration("debounce", false).orElse(Duration.ofMillis(100));
        Duration report = map.duration("report", false).orElse(Duration.ofSeconds(60));
        Optional<Double> mmPerTip = map.optionalNumber("mmPerTip").filter(mm -> {
            if (mm > 0 && mm <= 10) {
                return true;
            }
            problems.add(map.lineOf("mmPerTip"), map.field("mmPerTip"), YamlMap.plain(mm)
                    + " mm per tip is outside 0..10 (gauges tip at 0.1, 0.2 or 0.5 mm)");
            return false;
        });
        if (kind.filter("state"::equals).isPresent() && map.keys().contains("mmPerTip")) {
            problems.add(map.lineOf("mmPerTip"), map.field("mmPerTip"), "applies to tips inputs only");
        }
        if (report.isZero() || report.isNegative()) {
            problems.add(map.lineOf("report"), map.field("report"), "must be at least 1s");
        }
        if (id.isEmpty() || kind.isEmpty() || pin.isEmpty() || stationCode.isEmpty()) {
            id.ifPresent(i -> devices.put(i, Optional.empty()));
            return Optional.empty();
        }
        boolean tips = kind.get().equals("tips");
        String point = tips ? "rain" : "state";
        devices.put(id.get(), Optional.of(new ChannelSource("GPIO input", Map.of(point, tips ? "mm" : ""))));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("channel", stationCode.get() + "/" + id.get() + "/" + point);
        p.put("kind", tips ? "TIPS" : "STATE");
        p.put("pin", pin.get());
        p.put("pull", pull.toUpperCase(Locale.ROOT));
        p.put("activeLow", activeLow);
        p.put("debounceMillis", debounce.toMillis());
        p.put("reportSeconds", Math.max(1, report.toSeconds()));
        if (tips) {
            p.put("mmPerTip", mmPerTip.orElse(0.1));
        }
        return Optional.of(new SectionConfiguration(INPUT_FACTORY_PID, id.get(), p));
    }

    private Optional<SectionConfiguration> output(YamlMap map, Map<String, String> names, Map<Integer, String> pins) {
        map.allowOnly(OUTPUT_FIELDS);
        Optional<String> name = map.requiredText("name", DeviceParser.DEVICE_ID).filter(text -> {
            String first = names.putIfAbsent(text, "line " + map.lineOf("name"));
            if (first != null) {
                problems.add(map.lineOf("name"), map.field("name"), "'" + text + "' is already an output (" + first + ")");
            }
            return first == null;
        });
        Optional<Integer> pin = pin(map, pins);
        boolean activeLow = map.optionalBoolean("activeLow").orElse(false);
        String trigger = map.optionalChoice("trigger", TRIGGERS).orElse("red");
        boolean releaseOnClear = map.optionalBoolean("releaseOnClear").orElse(false);
        if (name.isEmpty() || pin.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name.get());
        p.put("pin", pin.get());
        p.put("activeLow", activeLow);
        p.put("triggerLevel", trigger.toUpperCase(Locale.ROOT));
        p.put("releaseOnClear", releaseOnClear);
        return Optional.of(new SectionConfiguration(OUTPUT_FACTORY_PID, name.get(), p));
    }

    /** A BCM pin number, used once in the section. */
    private Optional<Integer> pin(YamlMap map, Map<Integer, String> pins) {
        return map.requiredInt("pin", 0, MAX_PIN).filter(pin -> {
            String first = pins.putIfAbsent(pin, map.path() + " (line " + map.lineOf("pin") + ")");
            if (first != null) {
                problems.add(map.lineOf("pin"), map.field("pin"), "pin " + pin + " is already used by " + first);
            }
            return first == null;
        });
    }
}
