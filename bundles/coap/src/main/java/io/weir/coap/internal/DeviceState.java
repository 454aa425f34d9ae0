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
 * handled one at a time under this object's lock.
 */
final class DeviceState {

    /** Re-sends come within minutes; a few recent reports are enough to recognise them. */
    static final int REMEMBERED_REPORTS = 8;
    /** A sleeping device takes few commands per wake; a queue longer than this means something is wrong. */
    static final int MAX_QUEUED_COMMANDS = 16;

    private Instant lastSeen;
    private boolean silent;
    private boolean rebaselinePending;
    private final List<DeviceCommand> commands = new ArrayList<>();
    /** Content key of an accepted report -> the response payload it was answered with. */
    private final Map<String, byte[]> accepted = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > REMEMBERED_REPORTS;
        }
    };

    DeviceState(Instant registeredAt) {
        this.lastSeen = registeredAt;
    }

    synchronized Instant lastSeen() {
        return lastSeen;
    }

    /** Marks the device heard from; true when it had been flagged silent. */
    synchronized boolean heard(Instant at) {
        lastSeen = at.isAfter(lastSeen) ? at : lastSeen;
        boolean wasSilent = silent;
        silent = false;
        return wasSilent;
    }

    /** Flags the device silent if it has been since {@code before}; true only on the change. */
    synchronized boolean flagIfSilentSince(Instant before) {
        if (silent || !lastSeen.isBefore(before)) {
            return false;
        }
        silent = true;
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
    }

    synchronized List<DeviceCommand> queued() {
        return List.copyOf(commands);
    }

    /** Removes commands once they went out in a response to a confirmable report. */
    synchronized void delivered(List<DeviceCommand> sent) {
        commands.removeAll(sent);
    }

    /**
     * True from a rebaseline command being queued until an accepted report with a tilt angle gave the new
     * baseline (the command also goes to the device, which may keep a reference of its own).
     */
    synchronized boolean rebaselinePending() {
        return rebaselinePending;
    }

    synchronized void rebaselineDone() {
        rebaselinePending = false;
    }
}
