package io.weir.site.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.weir.api.Site;
import io.weir.api.SiteInfo;

/**
 * Registers the {@link Site} service once the site configuration exists. No {@code @Modified}: when the
 * gateway's identity changes, the components that use it should restart with the new one.
 */
@Component(service = Site.class, configurationPid = ConfigurationMapper.SITE_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SiteConfig.class)
public class SiteComponent implements Site {

    private final SiteInfo info;

    /** @throws IllegalArgumentException when a configuration made by hand is invalid; SCR logs it */
    @Activate
    public SiteComponent(SiteConfig config) {
        this.info = new SiteInfo(config.gatewayId(), config.stationCode(), config.name(), config.latitude(),
                config.longitude());
    }

    @Override
    public SiteInfo info() {
        return info;
    }
}
