package io.weir.deploy.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/** Whether what a package installed runs. */
interface HealthCheck {

    /**
     * Waits up to {@code timeout} for the bundles to be active and the expected components active or satisfied,
     * and for none of the bundles' components to have failed to activate.
     *
     * @return empty when healthy, else what is wrong
     */
    Optional<String> await(Collection<String> bundles, Collection<String> expectedComponents, Duration timeout)
            throws InterruptedException;
}
