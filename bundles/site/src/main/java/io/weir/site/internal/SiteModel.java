package io.weir.site.internal;

import java.util.List;
import java.util.Objects;

import io.weir.api.SiteInfo;

/**
 * A checked site file: everything in it is valid and every reference in it resolved.
 *
 * @param site    who and where the gateway is
 * @param uplink  how it reaches the broker
 * @param devices Modbus devices in file order, ids unique
 * @param rules   rules in file order, ids unique
 * @param sections configurations of the other sections (gpio), in file order
 */
public record SiteModel(SiteInfo site, Uplink uplink, List<Device> devices, List<SiteRule> rules,
                        List<SectionConfiguration> sections) {

    public SiteModel {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(uplink, "uplink");
        devices = List.copyOf(devices);
        rules = List.copyOf(rules);
        sections = List.copyOf(sections);
    }

    /** A site with devices and rules only. */
    public SiteModel(SiteInfo site, Uplink uplink, List<Device> devices, List<SiteRule> rules) {
        this(site, uplink, devices, rules, List.of());
    }
}
