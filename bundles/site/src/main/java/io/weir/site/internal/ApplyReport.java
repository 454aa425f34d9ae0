package io.weir.site.internal;

import java.util.List;

/**
 * What applying a site did to ConfigAdmin, by PID.
 *
 * @param created   configurations that did not exist
 * @param updated   configurations whose properties changed
 * @param unchanged configurations left untouched, so their components did not restart
 * @param deleted   managed configurations the site file no longer names
 */
public record ApplyReport(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted) {

    public ApplyReport {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
    }

    @Override
    public String toString() {
        return created.size() + " created, " + updated.size() + " updated, " + unchanged.size() + " unchanged, "
                + deleted.size() + " deleted";
    }
}
