package io.weir.cloud.internal.ingest;

import io.weir.cloud.internal.gateways.RegistryTables;
import io.weir.cloud.internal.protocol.PayloadException;
import io.weir.cloud.internal.protocol.Topic;
import io.weir.cloud.internal.store.Transactor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a batch of deliveries may go on to the parser: a topic that names a gateway, a registered gateway, and a
 * payload within the size limit. Everything is decided before a byte of a payload is parsed.
 */
public final class Gatekeeper {

    /** Per delivery: its topic (null when unreadable), whether its gateway is a stranger, or why it is refused. */
    record Verdicts(Topic[] topics, boolean[] strangers, String[] rejections) {
    }

    private final RegistryTables registry;
    private final int maxPayloadBytes;

    public Gatekeeper(RegistryTables registry, int maxPayloadBytes) {
        this.registry = registry;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** @throws io.weir.cloud.internal.store.StoreException when the registry cannot be read */
    Verdicts check(Transactor transactor, List<IngestService.Delivery> deliveries) {
        int n = deliveries.size();
        Topic[] topics = new Topic[n];
        String[] rejections = new String[n];
        Set<String> senders = new HashSet<>();
        for (int i = 0; i < n; i++) {
            try {
                topics[i] = Topic.parse(deliveries.get(i).topic());
                senders.add(topics[i].gatewayId());
            } catch (PayloadException e) {
                rejections[i] = IngestService.reason(e);
            }
        }
        Set<String> registered = senders.isEmpty() ? Set.of() : transactor.read(c -> registry.registered(c, senders));
        boolean[] strangers = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (topics[i] == null) {
                continue;
            }
            if (!registered.contains(topics[i].gatewayId())) {
                strangers[i] = true;
            } else if (deliveries.get(i).payload().length > maxPayloadBytes) {
                rejections[i] = "field $: the payload of " + deliveries.get(i).payload().length + " bytes is over "
                        + "the limit of " + maxPayloadBytes + " bytes (--max-message-bytes); not parsed";
            }
        }
        return new Verdicts(topics, strangers, rejections);
    }
}
