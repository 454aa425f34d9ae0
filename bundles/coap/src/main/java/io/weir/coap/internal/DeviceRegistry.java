package io.weir.coap.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The devices allowed to report, by PSK identity and by device id. Devices come and go while the server runs
 * (a site file edit adds, removes or rekeys one); each change is seen at once by the next handshake and the next
 * request, and listeners hear of identities whose key changed or went away so their DTLS sessions can be closed.
 * Thread-safe.
 */
final class DeviceRegistry {

    private final Map<String, CoapDevice> byIdentity = new ConcurrentHashMap<>();
    private final Map<String, CoapDevice> byId = new ConcurrentHashMap<>();
    private final Map<String, DeviceState> states = new ConcurrentHashMap<>();
    private final List<Consumer<String>> revokedListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final DeviceStateStore store;

    DeviceRegistry(Clock clock) {
        this(clock, null);
    }

    /** @param store where devices' states are remembered across restarts; null: in memory only */
    DeviceRegistry(Clock clock, DeviceStateStore store) {
        this.clock = clock;
        this.store = store;
    }

    /**
     * Adds or replaces a device.
     *
     * @throws IllegalArgumentException when another device already uses its identity
     */
    synchronized void put(CoapDevice device) {
        CoapDevice sameIdentity = byIdentity.get(device.identity());
        if (sameIdentity != null && !sameIdentity.deviceId().equals(device.deviceId())) {
            throw new IllegalArgumentException("device " + device.deviceId() + ": identity " + device.identity()
                    + " is already used by device " + sameIdentity.deviceId());
        }
        CoapDevice previous = byId.put(device.deviceId(), device);
        if (previous != null && !previous.identity().equals(device.identity())) {
            byIdentity.remove(previous.identity());
        }
        byIdentity.put(device.identity(), device);
        states.computeIfAbsent(device.deviceId(), id -> new DeviceState(id, store, clock.instant()));
        if (previous != null && !previous.sameKey(device)) {
            revoked(previous.identity());
        }
    }

    /** Removes a device; its queued commands and its state go with it. */
    synchronized void remove(String deviceId) {
        remove(deviceId, true);
    }

    /**
     * Takes a device out. {@code forget}: it left the site file, and its remembered state goes too; otherwise (the
     * gateway stops) its state is written for the next start.
     */
    synchronized void remove(String deviceId, boolean forget) {
        CoapDevice previous = byId.remove(deviceId);
        if (previous != null) {
            byIdentity.remove(previous.identity());
            DeviceState state = states.remove(deviceId);
            if (store != null && forget) {
                store.delete(deviceId);
            } else if (state != null) {
                state.save();
            }
            revoked(previous.identity());
        }
    }

    /** Writes the last-seen times that moved since they were last written. */
    void saveDirty() {
        states.values().forEach(DeviceState::saveIfDirty);
    }

    Optional<CoapDevice> byIdentity(String identity) {
        return Optional.ofNullable(byIdentity.get(identity));
    }

    Optional<CoapDevice> byId(String deviceId) {
        return Optional.ofNullable(byId.get(deviceId));
    }

    /** The device's mutable state; present while the device is registered. */
    Optional<DeviceState> state(String deviceId) {
        return Optional.ofNullable(states.get(deviceId));
    }

    Collection<CoapDevice> devices() {
        return List.copyOf(byId.values());
    }

    int size() {
        return byId.size();
    }

    /** Hears the identity of a device removed or rekeyed, whose sessions must not go on with the old key. */
    void onRevoked(Consumer<String> listener) {
        revokedListeners.add(listener);
    }

    void removeRevokedListener(Consumer<String> listener) {
        revokedListeners.remove(listener);
    }

    private void revoked(String identity) {
        revokedListeners.forEach(l -> l.accept(identity));
    }
}
