package io.weir.site.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.weir.api.command.CommandHandler;

/**
 * {@code site-validate}: {@code text=<a site file>} checks it exactly as the gateway checks its own site file (the
 * same parser, the same profiles) and lists every problem by file, line and field. Writes nothing.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=site-validate")
public final class SiteValidateCommand implements CommandHandler {

    private final SiteFileCheck check;

    @Activate
    public SiteValidateCommand(BundleContext context) {
        this(new SiteFileCheck(SiteLocations.from(context::getProperty)));
    }

    SiteValidateCommand(SiteFileCheck check) {
        this.check = check;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        return SiteCheckResult.json(check.check(SiteCheckResult.text(args)), Map.of());
    }
}
