package io.weir.uplink.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Hands the uplink each service of a type as it comes and goes, with its properties, as a dynamic multiple
 * reference would. The uplink opens it after its connect has started: Declarative Services gets every service of a
 * component's references before it constructs the component, and getting one activates its (delayed) component,
 * which for the status parts and commands of a whole gateway kept the MQTT connect waiting.
 */
final class ServiceWatch<S> implements ServiceTrackerCustomizer<S, S> {

    private final BundleContext context;
    private final BiConsumer<S, Map<String, Object>> add;
    private final BiConsumer<S, Map<String, Object>> remove;
    private final ServiceTracker<S, S> tracker;
    private final String ownComponent;

    /**
     * @param ownComponent the watching component's name: its own services are passed over. It is being constructed
     *                     while the watch opens, and getting its own service then is a circular reference that
     *                     Declarative Services refuses, logging an error with a stack trace at every start.
     */
    ServiceWatch(BundleContext context, Class<S> type, String ownComponent, BiConsumer<S, Map<String, Object>> add,
                 BiConsumer<S, Map<String, Object>> remove) {
        this.context = context;
        this.ownComponent = ownComponent;
        this.add = add;
        this.remove = remove;
        this.tracker = new ServiceTracker<>(context, type, this);
    }

    /** Hands over the services there are now, on this thread, and those that come later. */
    ServiceWatch<S> open() {
        tracker.open();
        return this;
    }

    void close() {
        tracker.close();
    }

    @Override
    public S addingService(ServiceReference<S> reference) {
        if (ownComponent.equals(reference.getProperty(ComponentConstants.COMPONENT_NAME))) {
            return null;
        }
        S service = context.getService(reference);
        if (service != null) {
            add.accept(service, properties(reference));
        }
        return service;
    }

    @Override
    public void modifiedService(ServiceReference<S> reference, S service) {
        // as a dynamic reference without an updated method: the service keeps the name it came with
    }

    @Override
    public void removedService(ServiceReference<S> reference, S service) {
        remove.accept(service, properties(reference));
        context.ungetService(reference);
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        var properties = new HashMap<String, Object>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }
}
