/**
 * Commands and status the gateway offers to the cloud and to the local console: bundles register
 * {@link io.weir.api.command.CommandHandler} and {@link io.weir.api.command.StatusProvider} services; the uplink
 * and the console find them on the whiteboard.
 */
@Export
@Version("1.0.0")
package io.weir.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
