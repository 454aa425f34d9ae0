package io.weir.console.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Reads bundle states and the DS runtime into a {@link HealthReport}. */
final class HealthCheck {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    HealthCheck(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
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
        return new HealthReport(bundles.length, notActive, components, active, unsatisfied, awaiting);
    }

    private static String reason(ComponentConfigurationDTO c) {
        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
            return "activation failed: " + c.failure;
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
