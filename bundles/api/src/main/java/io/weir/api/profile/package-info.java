/**
 * Device profiles: what a meter or gauge model holds and how to read it. Addresses here are protocol addresses
 * (zero-based), whatever numbering the manual prints. Since 1.2: bits (functions 01/02), 64-bit types and strings.
 * Since 1.4: a point's decimals, a profile's register numbering, and {@link io.weir.api.profile.DeviceProfiles}.
 * Since 1.5: a point's {@link io.weir.api.profile.Deadband} and heartbeat (report by exception).
 */
@Export
@Version("1.5.0")
package io.weir.api.profile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
