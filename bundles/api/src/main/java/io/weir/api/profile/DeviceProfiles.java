package io.weir.api.profile;

import java.util.SortedSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Modbus device profiles in the gateway's profile directory, read as the site bundle reads them for a site
 * file. Commissioning tools use it to read a point of a device that is not in the site file yet. Since 1.4.
 */
@ProviderType
public interface DeviceProfiles {

    /** The ids of the profiles in the directory, good or not. */
    SortedSet<String> ids();

    /**
     * The profile with this id, read from its file now.
     *
     * @throws IllegalArgumentException naming the known profiles when there is none with this id, or listing the
     *                                  file's problems ({@code file:line: field: problem}) when it is not usable
     */
    DeviceProfile profile(String id);
}
