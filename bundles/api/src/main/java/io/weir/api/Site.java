package io.weir.api;

import org.osgi.annotation.versioning.ProviderType;

/** Service registered once the site configuration is known; components that need the gateway id wait for it. */
@ProviderType
public interface Site {
    SiteInfo info();
}
