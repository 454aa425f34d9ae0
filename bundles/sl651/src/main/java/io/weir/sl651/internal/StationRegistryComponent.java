package io.weir.sl651.internal;

import org.osgi.service.component.annotations.Component;

/**
 * Holds the station registry for the bundle's other components (stations fill it, the centre reads it), so a
 * station added or changed does not restart the centre and drop every connection.
 */
@Component(service = StationRegistryComponent.class, immediate = true)
public final class StationRegistryComponent {

    private final StationRegistry registry = new StationRegistry();

    StationRegistry registry() {
        return registry;
    }
}
