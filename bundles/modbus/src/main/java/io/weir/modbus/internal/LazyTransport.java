package io.weir.modbus.internal;

import java.util.function.Supplier;

/** Opens the real link on first use, so a device whose profile is unusable never opens one. */
final class LazyTransport extends DelegatingTransport {

    private final Supplier<ModbusTransport> opener;
    private ModbusTransport link;

    LazyTransport(Supplier<ModbusTransport> opener) {
        this.opener = opener;
    }

    @Override
    protected ModbusTransport target() {
        if (link == null) {
            link = opener.get();
        }
        return link;
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
    }
}
