/**
 * The gateway's durable outbox. A record's life: STORED (appended, durable) -> IN_FLIGHT (part of a numbered
 * message handed to the uplink) -> CONFIRMED (the broker acknowledged it) -> removed. A message keeps its sequence
 * number and its records from the moment it is formed until it is confirmed, across restarts, so the cloud can drop
 * a re-sent copy by (gateway id, sequence). Telemetry that is still STORED may instead be EVICTED, oldest first,
 * when the telemetry byte cap needs room; the store counts evictions and reports them as an EVENT record. Alarms
 * and events are never evicted. Since 1.3: a listener that could not make a record durable throws
 * {@link io.weir.api.store.NotStoredException}. Since 1.4: several messages can be confirmed in one step. Since 1.5: the uplink can be told of appends.
 */
@Export
@Version("1.5.0")
package io.weir.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
