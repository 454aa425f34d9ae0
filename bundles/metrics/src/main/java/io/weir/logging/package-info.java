/**
 * Log lines as JSON objects, one a line, for log shippers: {@link io.weir.logging.JsonLogStream} turns what
 * slf4j-simple prints (the gateway's and the cloud adapter's logging) into {@code {"ts":..,"level":..,
 * "thread":..,"logger":..,"message":..,"stack":..}}. Plain Java.
 */
@Export
@Version("1.0.0")
package io.weir.logging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
