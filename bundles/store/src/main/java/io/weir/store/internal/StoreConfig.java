package io.weir.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Weir store",
        description = "The gateway's durable outbox (SQLite, WAL, one fsync per group of appends)")
@interface StoreConfig {

    @AttributeDefinition(name = "Database file",
            description = "Path of the SQLite file; empty means store.db in the directory named by the framework "
                    + "property weir.data.dir (default: data)")
    String path() default "";

    @AttributeDefinition(name = "Telemetry cap (MiB)", min = "1", max = "1048576",
            description = "Bytes of readings kept; when full, the oldest unsent readings are evicted, counted and "
                    + "reported on the event topic. New readings are never refused.")
    long telemetryCapMiB() default 512;

    @AttributeDefinition(name = "Alarm cap (MiB)", min = "1", max = "1048576",
            description = "Bytes of alarm and event records kept; telemetry never takes this room. When full, new "
                    + "alarm events are refused with an error and one FAULT alarm (rule store.alarm-capacity) is "
                    + "stored; it is cleared once the backlog is below 90% of the cap.")
    long alarmCapMiB() default 32;

    @AttributeDefinition(name = "File limit (MiB)", min = "0", max = "1048576",
            description = "Hard limit of the database file; 0 for none (the disk is the limit). When the file or "
                    + "the disk is full, the oldest unsent readings are evicted to make room; if none are left, "
                    + "the append fails with an error naming the limit and the store keeps running.")
    long maxFileMiB() default 0;
}
