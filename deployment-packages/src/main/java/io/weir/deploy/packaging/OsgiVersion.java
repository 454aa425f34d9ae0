package io.weir.deploy.packaging;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * An OSGi version: {@code major[.minor[.micro[.qualifier]]]}, compared the way the framework compares them.
 * Our own small type rather than {@code org.osgi.framework.Version}, so that the packaging code (and later the
 * gateway's deploy agent) needs no OSGi jar on the build machine's class path.
 */
public record OsgiVersion(int major, int minor, int micro, String qualifier) implements Comparable<OsgiVersion> {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Comparator<OsgiVersion> ORDER = Comparator.comparingInt(OsgiVersion::major)
            .thenComparingInt(OsgiVersion::minor)
            .thenComparingInt(OsgiVersion::micro)
            .thenComparing(OsgiVersion::qualifier);

    public OsgiVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        if (qualifier == null || !QUALIFIER.matcher(qualifier).matches()) {
            throw new IllegalArgumentException(
                    "qualifier '" + qualifier + "' may only hold letters, digits, '_' and '-'");
        }
    }

    /**
     * Parses a version as the OSGi Core specification writes it; surrounding blanks are ignored, as the framework
     * ignores them.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static OsgiVersion parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a version must not be empty");
        }
        // limit 4: everything after the third dot is the qualifier's, and a dot there makes it invalid
        String[] parts = trimmed.split("\\.", 4);
        if (parts.length == 4 && parts[3].isEmpty()) {
            throw new IllegalArgumentException("'" + trimmed + "' ends with a dot but has no qualifier");
        }
        return new OsgiVersion(
                number(parts, 0, trimmed),
                parts.length > 1 ? number(parts, 1, trimmed) : 0,
                parts.length > 2 ? number(parts, 2, trimmed) : 0,
                parts.length > 3 ? parts[3] : "");
    }

    private static int number(String[] parts, int index, String whole) {
        String part = parts[index];
        if (!NUMBER.matcher(part).matches()) {
            throw new IllegalArgumentException("'" + whole + "' is not major[.minor[.micro[.qualifier]]]: '"
                    + part + "' is not a number");
        }
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("'" + whole + "': " + part + " is too large for a version number");
        }
    }

    @Override
    public int compareTo(OsgiVersion other) {
        return ORDER.compare(this, other);
    }

    /** The canonical form: three numbers, then the qualifier when there is one. */
    @Override
    public String toString() {
        String numbers = major + "." + minor + "." + micro;
        return qualifier.isEmpty() ? numbers : numbers + "." + qualifier;
    }
}
