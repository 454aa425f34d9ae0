package io.weir.console.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.weir.api.command.StatusProvider;

/**
 * Reads bundle states, the DS runtime and the status parts that tell about the field (site file, devices, store)
 * into a {@link HealthReport}.
 */
final class HealthCheck {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final StatusConcerns concerns;

    HealthCheck(BundleContext context, ServiceComponentRuntime scr, StatusConcerns concerns) {
        this.context = context;
        this.scr = scr;
        this.concerns = concerns;
    }

    HealthReport run() {
        Bundle[] bundles = context.getBundles();
        var notActive = new ArrayList<String>();
        for (Bundle b : bundles) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName() + " (" + state(b.getState()) + ")");
            }
        }
        int components = 0;
        int active = 0;
        var unsatisfied = new ArrayList<String>();
        var awaiting = new ArrayList<String>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            var configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty() && "require".equals(d.configurationPolicy)) {
                awaiting.add(d.name);
                continue;
            }
            for (ComponentConfigurationDTO c : configurations) {
                components++;
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                    active++;
                } else {
                    unsatisfied.add(d.name + " (" + reason(c) + ")");
                }
            }
        }
        // with a site configuration in force, a component without configuration simply has nothing to do (no rule
        // of its kind in the site file): only without one does anything really wait
        List<String> waiting = concerns.configured(this::part) ? List.of() : awaiting;
        return new HealthReport(bundles.length, notActive, components, active, unsatisfied, waiting,
                concerns.of(this::part));
    }

    /** A status part's JSON by its name; empty when no bundle provides it or it fails. */
    private Optional<String> part(String name) {
        try {
            for (ServiceReference<StatusProvider> ref : context.getServiceReferences(StatusProvider.class,
                    "(" + StatusProvider.NAME + "=" + name + ")")) {
                StatusProvider provider = context.getService(ref);
                if (provider == null) {
                    continue;
                }
                try {
                    return Optional.ofNullable(provider.statusJson());
                } catch (RuntimeException e) {
                    return Optional.empty();
                } finally {
                    context.ungetService(ref);
                }
            }
            return Optional.empty();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("status part name " + name + " makes a bad filter", e);
        }
    }

    private static String reason(ComponentConfigurationDTO c) {
        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
            // SCR gives the whole stack trace: the summary keeps its first line, the log has the rest
            return "activation failed: " + StatusConcerns.quote(c.failure == null ? "" : c.failure);
        }
        if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
            return "missing configuration";
        }
        return "missing " + Arrays.stream(c.unsatisfiedReferences)
                .map(r -> r.name).collect(Collectors.joining(", "));
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "ACTIVE";
        };
    }
}
