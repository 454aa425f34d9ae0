/**
 * The gateway's data model and whiteboard contracts: readings flow from acquisition bundles to every
 * {@link io.weir.api.ReadingListener}; alarm lifecycle events flow from the rules to every
 * {@link io.weir.api.AlarmListener}. Since 1.4: a reading's decimals, and who acknowledged an alarm.
 * Since 1.5: listeners that take only the readings reported upstream ({@link io.weir.api.ReadingListener#READINGS}).
 * Since 1.6: alarm listeners told of the alarms active when they are bound
 * ({@link io.weir.api.AlarmListener#CURRENT_ALARMS}).
 */
@Export
@Version("1.6.0")
package io.weir.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
