package io.weir.sl651.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.weir.sl651.internal.ElementSpec.Kind;

/**
 * The element identifiers the gateway turns into readings: rainfall, water levels, flow, supply voltage and the
 * 5-minute series of hourly reports. The one table to correct when a fact about SL 651-2014 turns out wrong; the
 * sources of each row are in docs/domain.md ("Field protocols"). Other identifiers are skipped by their data
 * definition byte, counted and logged, and never stop the rest of a report.
 */
final class ElementTable {

    /** Guide of the observation time (5 bytes BCD YYMMDDhhmm) that applies to the elements after it. */
    static final int OBSERVATION_TIME = 0xF0;
    /** Guide of the station address (5 bytes BCD) and station type (1 byte). */
    static final int STATION = 0xF1;
    static final int MANUAL_DATA = 0xF2;
    static final int PICTURE = 0xF3;
    static final int EXTENDED = 0xFF;
    /** The channel every 5-minute rain increment goes to, whichever element carried it. */
    static final String RAIN_5MIN = "rain_5min";

    static final List<ElementSpec> SPECS = List.of(
            new ElementSpec(0x04, "DRxnn", "时间步长码", "", "", Kind.TIME_STEP),
            new ElementSpec(0x1A, "P1", "1小时时段降水量", "rain_1h", "mm", Kind.VALUE),
            new ElementSpec(0x1F, "PD", "日降水量", "rain_day", "mm", Kind.VALUE),
            new ElementSpec(0x20, "PJ", "当前降水量", "rain_current", "mm", Kind.VALUE),
            new ElementSpec(0x22, "PN05", "5分钟时段降水量", RAIN_5MIN, "mm", Kind.RAIN_INTERVAL),
            new ElementSpec(0x26, "PT", "降水量累计值", "rain_total", "mm", Kind.VALUE),
            new ElementSpec(0x27, "Q", "瞬时流量", "flow", "m3/s", Kind.VALUE),
            new ElementSpec(0x38, "VT", "电源电压", "voltage", "V", Kind.VALUE),
            new ElementSpec(0x39, "Z", "瞬时河道水位、潮位", "water_level", "m", Kind.VALUE),
            new ElementSpec(0x3A, "ZB", "库(闸、站)下水位", "level_downstream", "m", Kind.VALUE),
            new ElementSpec(0x3B, "ZU", "库(闸、站)上水位", "level_upstream", "m", Kind.VALUE),
            new ElementSpec(0x45, "ZT", "遥测站状态及报警信息", "status", "", Kind.STATUS),
            new ElementSpec(0xF4, "DRP", "1小时内每5分钟时段雨量", RAIN_5MIN, "mm", Kind.RAIN_SERIES),
            new ElementSpec(0xF5, "DRZ1", "1小时内5分钟间隔相对水位1", "level_relative_5min", "m",
                    Kind.LEVEL_SERIES));

    private static final Map<Integer, ElementSpec> BY_ID = SPECS.stream()
            .collect(Collectors.toUnmodifiableMap(ElementSpec::id, Function.identity()));
    private static final Map<String, ElementSpec> BY_MNEMONIC = SPECS.stream()
            .collect(Collectors.toUnmodifiableMap(ElementSpec::mnemonic, Function.identity()));

    private ElementTable() {
    }

    static Optional<ElementSpec> byId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    static Optional<ElementSpec> byMnemonic(String mnemonic) {
        return Optional.ofNullable(BY_MNEMONIC.get(mnemonic));
    }

    /** The identifier of an element a centre names by its ASCII mnemonic. */
    static int idOf(String mnemonic) throws FrameException {
        return byMnemonic(mnemonic).map(ElementSpec::id).orElseThrow(() -> new FrameException(
                FrameException.Kind.MALFORMED, "element '" + FrameCodec.printable(mnemonic)
                + "' is not in the element table"));
    }

    /** The point names an SL 651 station offers to rules, with their units. */
    static Map<String, String> channels() {
        return SPECS.stream().filter(s -> !s.channel().isEmpty())
                .collect(Collectors.toMap(ElementSpec::channel, ElementSpec::unit, (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }
}
