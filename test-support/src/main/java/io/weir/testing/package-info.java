/**
 * What the tests of every Weir module share. Time is the test's ({@link io.weir.testing.TestClock},
 * {@link io.weir.testing.ManualScheduler}); a port is always held by whoever will serve on it
 * ({@link io.weir.testing.TcpServer}, {@link io.weir.testing.TcpProxy}, {@link io.weir.testing.Ports},
 * {@link io.weir.testing.PortFile}), never picked free and bound later, when another process may have taken it;
 * and a wait is bounded by a {@link io.weir.testing.Patience} sized for a loaded build machine.
 */
@Export
@Version("1.0.0")
package io.weir.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
