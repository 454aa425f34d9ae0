/**
 * Whether the gateway's clock can be trusted. A Raspberry Pi has no real-time clock: until the system clock is
 * synchronised, a reading's time may be 1970 or a stale date saved at the last shutdown, and a synchronisation
 * may step the clock by hours. {@link io.weir.api.time.TimeTrust} says whether the clock is synchronised, counts
 * the steps it saw, and marks the readings taken while it is not. Acquisition bundles use it through an optional
 * reference, so they work without it.
 */
@Export
@Version("1.0.0")
package io.weir.api.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
