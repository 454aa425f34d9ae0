package io.weir.deploy.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * An OSGi version range, as {@code DeploymentPackage-FixPack} states which installed versions of a package a fix
 * pack applies to: {@code [1.0,2.0)}, {@code (1.0,1.5]}, or a bare version meaning "this version or later".
 *
 * @param floor the lower end
 * @param floorIncluded whether {@code floor} itself is in the range ({@code [}) or not ({@code (})
 * @param ceiling the upper end; empty for a bare version, which has none
 * @param ceilingIncluded whether {@code ceiling} itself is in the range; false when there is no ceiling
 */
public record VersionRange(OsgiVersion floor, boolean floorIncluded, Optional<OsgiVersion> ceiling,
        boolean ceilingIncluded) {

    public VersionRange {
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(ceiling, "ceiling");
        if (ceiling.isEmpty() && (!floorIncluded || ceilingIncluded)) {
            throw new IllegalArgumentException("a range without a ceiling includes its floor and nothing above");
        }
    }

    /** {@code version} or later. */
    public static VersionRange atLeast(OsgiVersion version) {
        return new VersionRange(version, true, Optional.empty(), false);
    }

    /**
     * Parses a range as the OSGi Core specification writes it.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static VersionRange parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a version range must not be empty");
        }
        char first = trimmed.charAt(0);
        if (first != '[' && first != '(') {
            return atLeast(OsgiVersion.parse(trimmed));
        }
        char last = trimmed.charAt(trimmed.length() - 1);
        int comma = trimmed.indexOf(',');
        if ((last != ']' && last != ')') || comma < 0) {
            throw new IllegalArgumentException(
                    "'" + trimmed + "' is neither a version nor a range like [1.0,2.0) or (1.0,2.0]");
        }
        return new VersionRange(
                OsgiVersion.parse(trimmed.substring(1, comma)), first == '[',
                Optional.of(OsgiVersion.parse(trimmed.substring(comma + 1, trimmed.length() - 1))), last == ']');
    }

    /** Whether {@code version} lies in this range. */
    public boolean includes(OsgiVersion version) {
        int fromFloor = version.compareTo(floor);
        if (fromFloor < 0 || (fromFloor == 0 && !floorIncluded)) {
            return false;
        }
        return ceiling.map(top -> {
            int fromCeiling = version.compareTo(top);
            return fromCeiling < 0 || (fromCeiling == 0 && ceilingIncluded);
        }).orElse(true);
    }

    /** The form {@link #parse} reads: a bare version when there is no ceiling. */
    @Override
    public String toString() {
        return ceiling.map(top -> (floorIncluded ? "[" : "(") + floor + "," + top + (ceilingIncluded ? "]" : ")"))
                .orElse(floor.toString());
    }
}
