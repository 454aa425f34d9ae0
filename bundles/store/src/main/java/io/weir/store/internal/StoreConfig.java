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
                    + "reported on the event topic. New readings are never refused for this cap.")
    long telemetryCapMiB() default 512;

    @AttributeDefinition(name = "Alarm cap (MiB)", min = "1", max = "1048576",
            description = "Bytes of alarm and event records kept (at most half the file cap); telemetry never takes "
                    + "this room. When full, new alarm events are held in memory and retried, and one FAULT alarm "
                    + "(rule store.alarm-capacity) is stored; it is cleared once the backlog is below 90% of the cap.")
    long alarmCapMiB() default 32;

    @AttributeDefinition(name = "File cap (MiB)", min = "0", max = "1048576",
            description = "Limit of the database file; 0 to take fileCapPercent of the free space the store finds "
                    + "on its file system at start. When the file is full, the oldest unsent readings are evicted to "
                    + "make room.")
    long maxFileMiB() default 0;

    @AttributeDefinition(name = "File cap, share of the free space (%)", min = "0", max = "90",
            description = "With a file cap of 0: the share of the file system's free space at start (plus what the "
                    + "store's files already take) the database file may use; 0 for no limit but the disk")
    int fileCapPercent() default 50;

    @AttributeDefinition(name = "Reserve (MiB)", min = "0", max = "1024",
            description = "Room kept on the file system in store.db.reserve and given up when the disk is full, so "
                    + "old telemetry can be evicted and alarms written; written again once the disk has room")
    long reserveMiB() default 8;
}
