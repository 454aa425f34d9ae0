package io.weir.site.internal;

import java.util.List;
import java.util.Map;

/**
 * The site file's {@code coap} section, checked.
 *
 * @param server              the server's properties as the site file gives them (port, bindAddress,
 *                            labPlainPort, maxPayloadBytes, requestsPerMinute); what it leaves out takes the coap
 *                            bundle's defaults
 * @param staleAfterIntervals silence of this many report intervals flags a device (written to the server and used
 *                            for each device's no-data fault rule)
 * @param devices             the CoAP devices, ids unique
 */
public record CoapSite(Map<String, Object> server, int staleAfterIntervals, List<CoapDevice> devices) {

    /** The coap bundle's default too (CoapServerConfig.staleAfterIntervals); the site always writes its value. */
    static final int DEFAULT_STALE_AFTER_INTERVALS = 3;

    public CoapSite {
        server = Map.copyOf(server);
        devices = List.copyOf(devices);
    }
}
