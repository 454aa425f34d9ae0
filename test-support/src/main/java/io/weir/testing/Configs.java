package io.weir.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a component property type (a configuration annotation) from a map, as Declarative Services does, so a
 * test builds a component with {@code new} and the configuration the framework would give it: a missing property
 * takes the annotation's default.
 */
public final class Configs {

    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + properties
                        : method.getName().equals("hashCode") ? System.identityHashCode(self) : self == args[0];
            }
            Object value = properties.get(method.getName());
            return value != null ? value : method.getDefaultValue();
        });
        return type.cast(proxy);
    }
}
