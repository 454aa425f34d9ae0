package io.weir.coap.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway remembers of one device between its reports: when it was last heard, whether it is flagged
 * silent, the reports it accepted lately (to drop re-sends) and the commands waiting for it. A device's reports are
 * handled one at a time under this object's lock. With a {@link DeviceStateStore}, commands, the silent flag and a
 * pending re-baseline are written to it at each change, and the last-seen time whenever {@link #saveIfDirty()} is
 * called (every silence check), so a restart forgets none of them.
 */
final class DeviceState {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceState.class);

    /** Re-sends come within minutes; a few recent reports are enough to recognise them. */
    static final int REMEMBERED_REPORTS = 8;
    /** A sleeping device takes few commands per wake; a queue longer than this means something is wrong. */
    static final int MAX_QUEUED_COMMANDS = 16;

    private Instant lastSeen;
    private boolean silent;
    private boolean rebaselinePending;
    private boolean dirty;
    private final String deviceId;
    private final DeviceStateStore store;
    /** When this state was read back after a restart; null for a state begun in this run. */
    private final Instant restoredAt;
    private final List<DeviceCommand> commands = new ArrayList<>();
    /** Content key of an accepted report -> the response payload it was answered with. */
    private final Map<String, byte[]> accepted = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > REMEMBERED_REPORTS;
        }
    };

    DeviceState(Instant registeredAt) {
        this(null, null, registeredAt);
    }

    /** A device's state, remembered in {@code store} (null: in memory only) under its id. */
    DeviceState(String deviceId, DeviceStateStore store, Instant now) {
        this.deviceId = deviceId;
        this.store = store;
        DeviceStateStore.Saved saved = store == null ? null : store.load(deviceId).orElse(null);
        if (saved == null) {
            this.lastSeen = now;
            this.restoredAt = null;
            return;
        }
        this.restoredAt = now;
        this.lastSeen = saved.lastSeen() == null ? now : Instant.parse(saved.lastSeen());
        this.silent = saved.silent();
        this.rebaselinePending = saved.rebaselinePending();
        for (DeviceStateStore.Command c : saved.commands()) {
            if (commands.size() < MAX_QUEUED_COMMANDS) {
                commands.add(new DeviceCommand(c.name(), c.value(), Instant.parse(c.queuedAt())));
            }
        }
    }

    /** When this state was read back after a restart, or null. */
    Instant restoredAt() {
        return restoredAt;
    }

    /** Writes the state if the last-seen time moved since it was last written. */
    synchronized void saveIfDirty() {
        if (dirty) {
            saveQuietly();
        }
    }

    /**
     * As {@link #save()}, on the paths of a report already taken: a disk that refuses the write must not turn an
     * accepted report into an error; it is logged, and the next change or silence check writes again.
     */
    private void saveQuietly() {
        try {
            save();
        } catch (java.io.UncheckedIOException e) {
            dirty = true;
            LOG.warn("{}; kept in memory, written at the next change", e.getMessage());
        }
    }

    synchronized void save() {
        if (store != null) {
            store.save(deviceId, new DeviceStateStore.Saved(lastSeen, silent, rebaselinePending, commands.stream()
                    .map(c -> new DeviceStateStore.Command(c.name(), c.value(), c.queuedAt().toString())).toList()));
        }
        dirty = false;
    }

    synchronized Instant lastSeen() {
        return lastSeen;
    }

    /** Marks the device heard from; true when it had been flagged silent. */
    synchronized boolean heard(Instant at) {
        lastSeen = at.isAfter(lastSeen) ? at : lastSeen;
        dirty = true;
        boolean wasSilent = silent;
        silent = false;
        if (wasSilent) {
            saveQuietly();
        }
        return wasSilent;
    }

    /** Flags the device silent if it has been since {@code before}; true only on the change. */
    synchronized boolean flagIfSilentSince(Instant before) {
        if (silent || !lastSeen.isBefore(before)) {
            return false;
        }
        silent = true;
        saveQuietly();
        return true;
    }

    synchronized boolean silent() {
        return silent;
    }

    synchronized Optional<byte[]> answerTo(String contentKey) {
        return Optional.ofNullable(accepted.get(contentKey));
    }

    synchronized void accepted(String contentKey, byte[] answer) {
        accepted.put(contentKey, answer);
    }

    synchronized void enqueue(DeviceCommand command) {
        if (commands.size() >= MAX_QUEUED_COMMANDS) {
            throw new IllegalArgumentException("already " + commands.size() + " commands wait for this device");
        }
        // a newer interval replaces one not yet delivered: the device should get the latest, once
        commands.removeIf(c -> c.name().equals(command.name()));
        commands.add(command);
        if (command.name().equals(DeviceCommand.REBASELINE)) {
            rebaselinePending = true;
        }
        save(); // the command is acknowledged to whoever queued it only once it would survive a restart
    }

    synchronized List<DeviceCommand> queued() {
        return List.copyOf(commands);
    }

    /** Removes commands once they went out in a response to a confirmable report. */
    synchronized void delivered(List<DeviceCommand> sent) {
        if (commands.removeAll(sent)) {
            saveQuietly();
        }
    }

    /**
     * True from a rebaseline command being queued until an accepted report with a tilt angle gave the new
     * baseline (the command also goes to the device, which may keep a reference of its own).
     */
    synchronized boolean rebaselinePending() {
        return rebaselinePending;
    }

    synchronized void rebaselineDone() {
        if (rebaselinePending) {
            rebaselinePending = false;
            saveQuietly();
        }
    }
}
