package io.weir.deploy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Health from the framework and Declarative Services: every bundle of the package active (a fragment resolved),
 * every expected component active or satisfied, and no component of the package's bundles failed to activate.
 */
final class ScrHealthCheck implements HealthCheck {

    private static final Duration POLL = Duration.ofMillis(200);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Clock clock;

    ScrHealthCheck(BundleContext context, ServiceComponentRuntime scr, Clock clock) {
        this.context = context;
        this.scr = scr;
        this.clock = clock;
    }

    @Override
    public Optional<String> await(Collection<String> bundles, Collection<String> expectedComponents,
            Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Verdict verdict = check(bundles, expectedComponents);
            if (verdict.failed() || verdict.problem().isEmpty()) {
                return verdict.problem();
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.of(verdict.problem().get() + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis()); // polling the framework: nothing to wait on that says "settled"
        }
    }

    /** {@code failed}: a problem that waiting will not mend. */
    private record Verdict(Optional<String> problem, boolean failed) {
    }

    private Verdict check(Collection<String> names, Collection<String> expectedComponents) {
        List<Bundle> bundles = new ArrayList<>();
        for (String name : names) {
            Bundle bundle = find(name);
            if (bundle == null) {
                return new Verdict(Optional.of("bundle " + name + " is not installed"), true);
            }
            bundles.add(bundle);
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                return new Verdict(Optional.of("bundle " + name + " is not active"), false);
            }
        }
        for (Bundle bundle : bundles) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        return new Verdict(Optional.of("component " + description.name + " failed to activate: "
                                + configuration.failure), true);
                    }
                }
            }
        }
        for (String expected : expectedComponents) {
            if (!runs(expected)) {
                return new Verdict(Optional.of("component " + expected + " is not active or satisfied"), false);
            }
        }
        return new Verdict(Optional.empty(), false);
    }

    private boolean runs(String componentName) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.name.equals(componentName)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.ACTIVE
                            || configuration.state == ComponentConfigurationDTO.SATISFIED) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Bundle find(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }
}
