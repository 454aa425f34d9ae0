package io.weir.cloud.internal.gateways;

import io.weir.cloud.gateways.GatewayRegistry;
import io.weir.cloud.gateways.QuarantinedMessage;
import io.weir.cloud.gateways.RegisteredGateway;
import io.weir.cloud.gateways.UnknownGateway;
import io.weir.cloud.internal.protocol.Topic;
import io.weir.cloud.internal.store.Transactor;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link GatewayRegistry} over the database. Every change is logged with who asked. */
public final class GatewayRegistryService implements GatewayRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRegistryService.class);
    private static final int NOTE_MAX = 255;

    private final Transactor transactor;
    private final RegistryTables tables;
    private final Clock clock;

    public GatewayRegistryService(Transactor transactor, RegistryTables tables, Clock clock) {
        this.transactor = transactor;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public boolean register(String gatewayId, String note, String by) {
        check(gatewayId);
        if (note != null && note.length() > NOTE_MAX) {
            throw new IllegalArgumentException("note is " + note.length() + " characters; at most " + NOTE_MAX);
        }
        boolean added = transactor.write(c -> tables.register(c, gatewayId, note, by, clock.instant()));
        if (added) {
            LOG.info("Gateway {} registered by {}", gatewayId, by);
        } else if (note != null) {
            LOG.info("Gateway {} is registered; note updated by {}", gatewayId, by);
        }
        return added;
    }

    @Override
    public boolean deregister(String gatewayId, String by) {
        check(gatewayId);
        boolean removed = transactor.write(c -> tables.deregister(c, gatewayId));
        if (removed) {
            LOG.info("Gateway {} deregistered by {}: its messages are quarantined from now on", gatewayId, by);
        }
        return removed;
    }

    @Override
    public boolean isRegistered(String gatewayId) {
        return !transactor.read(c -> tables.registered(c, Set.of(gatewayId))).isEmpty();
    }

    @Override
    public List<RegisteredGateway> registered() {
        return transactor.read(tables::all);
    }

    @Override
    public List<UnknownGateway> unknown() {
        return transactor.read(tables::unknown);
    }

    @Override
    public List<QuarantinedMessage> quarantined(String gatewayId, int limit) {
        return transactor.read(c -> tables.quarantined(c, gatewayId, Math.max(1, Math.min(limit,
                RegistryTables.KEPT_PER_GATEWAY))));
    }

    private static void check(String gatewayId) {
        if (gatewayId == null || !Topic.GATEWAY_ID.matcher(gatewayId).matches()) {
            throw new IllegalArgumentException("gateway id '" + gatewayId + "' does not match " + Topic.GATEWAY_ID);
        }
    }
}
