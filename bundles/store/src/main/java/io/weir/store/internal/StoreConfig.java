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
}
