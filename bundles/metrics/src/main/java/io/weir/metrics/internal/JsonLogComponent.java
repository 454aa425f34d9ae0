package io.weir.metrics.internal;

import java.io.PrintStream;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.logging.JsonLogStream;

/**
 * With the framework property {@code weir.log.format=json} (also a {@code -D} system property), the gateway's log
 * lines go out as JSON objects, one a line: slf4j-simple writes to {@code System.out}, which this replaces while it
 * is active. Lines logged before this bundle started (the framework's own start) stay plain text.
 */
@Component(service = {}, immediate = true)
public final class JsonLogComponent {

    static final String PROPERTY = "weir.log.format";
    private static final Logger LOG = LoggerFactory.getLogger(JsonLogComponent.class);

    private final PrintStream original;
    private final PrintStream originalErr;

    @Activate
    public JsonLogComponent(BundleContext context) {
        String format = context.getProperty(PROPERTY);
        if (format == null || format.isBlank() || format.strip().equalsIgnoreCase("text")) {
            original = null;
            originalErr = null;
            return;
        }
        if (!format.strip().equalsIgnoreCase("json")) {
            LOG.warn("{}={} is not text or json; the log stays text", PROPERTY, format);
            original = null;
            originalErr = null;
            return;
        }
        original = System.out;
        originalErr = System.err;
        System.setOut(JsonLogStream.printStream(original, Map.of("service", "weir-gateway")));
        System.setErr(JsonLogStream.printStream(originalErr, Map.of("service", "weir-gateway")));
        LOG.info("log lines are JSON objects from here on ({}=json)", PROPERTY);
    }

    @Deactivate
    void restore() {
        if (original != null) {
            System.out.flush();
            System.setOut(original);
            System.setErr(originalErr);
        }
    }
}
