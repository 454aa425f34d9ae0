package io.weir.site.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.command.CommandHandler;

/**
 * {@code site-apply}: {@code text=<a site file>} checks it as {@code site-validate} does and, only when it has no
 * problem, replaces the gateway's site file with it in one atomic step, keeping the file's permissions. The
 * gateway's watcher reloads it as after any edit; a text with problems changes nothing.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=site-apply")
public final class SiteApplyCommand implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SiteApplyCommand.class);

    private final SiteFileCheck check;

    @Activate
    public SiteApplyCommand(BundleContext context) {
        this(new SiteFileCheck(SiteLocations.from(context::getProperty)));
    }

    SiteApplyCommand(SiteFileCheck check) {
        this.check = check;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        SiteFileCheck.Outcome outcome = check.check(SiteCheckResult.text(args));
        if (!outcome.valid()) {
            LOG.warn("site file offered for {} refused, {} problem(s); nothing written", check.siteFile(),
                    outcome.problems().size());
            return SiteCheckResult.json(outcome, Map.of("applied", false));
        }
        check.replace(SiteCheckResult.text(args));
        LOG.info("site file {} replaced by site-apply ({}); reloading", check.siteFile(), outcome.summary());
        return SiteCheckResult.json(outcome, Map.of("applied", true));
    }
}
