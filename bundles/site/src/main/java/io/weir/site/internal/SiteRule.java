package io.weir.site.internal;

/** A checked rule of the site file: a {@link ThresholdRule} or a {@link MappedRule} of another kind. */
public interface SiteRule {
    String id();
}
