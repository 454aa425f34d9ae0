package io.weir.site.internal;

/**
 * One channel of a CoAP device profile: the SenML record that feeds it (see docs/configuration.md).
 *
 * @param name      channel name
 * @param senml     SenML record name (resolved base name + name, or its last part)
 * @param unit      the channel's unit
 * @param senmlUnit the unit the records carry; empty: not checked
 * @param scale     channel value = record value * scale + offset
 * @param offset    see scale
 */
public record CoapPoint(String name, String senml, String unit, String senmlUnit, double scale, double offset) {
}
