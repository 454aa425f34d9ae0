package io.weir.site.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code store} section of a site file: how much the store keeps of telemetry and of alarms, how large
 * its file may grow (a size, or a share of the free space found at start), and the reserve it keeps for a full
 * disk. Only the fields written are set; the rest keep the store's defaults.
 */
final class StoreSectionParser {

    static final String STORE_PID = "io.weir.store";

    private static final List<String> FIELDS = List.of("telemetryCap", "alarmCap", "fileCap", "reserve");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,7}) ?(MiB|GiB)");
    private static final Pattern SHARE = Pattern.compile("([0-9]{1,3}) ?%");
    /** The store's own bounds (its Metatype), in MiB. */
    private static final long MAX_CAP_MIB = 1024 * 1024;
    private static final long MAX_RESERVE_MIB = 1024;

    private final Problems problems;

    StoreSectionParser(Problems problems) {
        this.problems = problems;
    }

    Optional<SectionConfiguration> parse(YamlMap section) {
        section.allowOnly(FIELDS);
        Map<String, Object> p = new LinkedHashMap<>();
        size(section, "telemetryCap", 1, MAX_CAP_MIB).ifPresent(mib -> p.put("telemetryCapMiB", mib));
        size(section, "alarmCap", 1, MAX_CAP_MIB).ifPresent(mib -> p.put("alarmCapMiB", mib));
        section.optionalText("fileCap").ifPresent(text -> {
            Matcher share = SHARE.matcher(text);
            if (share.matches()) {
                int percent = Integer.parseInt(share.group(1));
                if (percent < 1 || percent > 90) {
                    problems.add(section.lineOf("fileCap"), section.field("fileCap"), percent
                            + "% is outside 1..90% of the free space");
                    return;
                }
                p.put("maxFileMiB", 0L);
                p.put("fileCapPercent", percent);
            } else if (text.equals("none")) {
                p.put("maxFileMiB", 0L);
                p.put("fileCapPercent", 0);
            } else {
                mib(section, "fileCap", text, 1, MAX_CAP_MIB).ifPresent(mib -> p.put("maxFileMiB", mib));
            }
        });
        size(section, "reserve", 0, MAX_RESERVE_MIB).ifPresent(mib -> p.put("reserveMiB", mib));
        return Optional.of(new SectionConfiguration(STORE_PID, null, p));
    }

    private Optional<Long> size(YamlMap section, String key, long min, long max) {
        return section.optionalText(key).flatMap(text -> text.equals("0") && min == 0 ? Optional.of(0L)
                : mib(section, key, text, min, max));
    }

    /** A size in MiB or GiB, e.g. {@code 512MiB}, {@code 2GiB}. */
    private Optional<Long> mib(YamlMap section, String key, String text, long min, long max) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            problems.add(section.lineOf(key), section.field(key), "'" + text + "' is not a size: write e.g. 512MiB"
                    + " or 2GiB" + (key.equals("fileCap") ? ", a share of the free space such as 50%, or none"
                    : key.equals("reserve") ? ", or 0 for none" : ""));
            return Optional.empty();
        }
        long mib = Long.parseLong(m.group(1)) * (m.group(2).equals("GiB") ? 1024 : 1);
        if (mib < min || mib > max) {
            problems.add(section.lineOf(key), section.field(key), "'" + text + "' is outside " + min + " MiB.."
                    + (max >= 1024 ? max / 1024 + " GiB" : max + " MiB"));
            return Optional.empty();
        }
        return Optional.of(mib);
    }
}
