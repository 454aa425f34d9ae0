/**
 * Prometheus metrics in the text exposition format 0.0.4: {@link io.weir.metrics.Exposition} writes a scrape,
 * {@link io.weir.metrics.Histogram} counts observations into fixed buckets, and {@link io.weir.metrics.Scrape}
 * reads a scrape back strictly (tests and tools check what an endpoint serves with it). Plain Java, no
 * third-party type; the gateway's metrics bundle and the cloud adapter both write with it.
 */
@Export
@Version("1.0.0")
package io.weir.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
