package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * Other rules of the site combined by id, e.g. "1-hour rain above 30 mm AND the river rising". Each operand keeps
 * its own windows; the composite looks at the level each operand's alarm is at now, so the windows line up at the
 * moment of evaluation. The composite is at a level when its operands are at least at that level: with
 * {@link CompositeOperator#AND} the lowest of their levels (none if any has none), with {@link CompositeOperator#OR} the highest.
 * <p>
 * An operand in FAULT (its own gauge, or a fault rule of its channel) is not believed: it counts as the level its
 * alarm holds, but never above the composite's own level now, so it can never raise or escalate the composite. An
 * operand that is not registered (a reload in progress) counts as the composite's own level: it neither raises nor
 * clears it. The composite
 * has its own alarm (its own id, lifecycle and persisted state), evaluated by the {@link RuleEngine} whenever one of
 * its operands may have changed. Not thread-safe.
 */
final class CompositeRule implements ChannelRule {

    /** What a composite needs to know of an operand now. */
    record OperandState(Optional<AlarmLevel> level, boolean faulty, Set<String> channels) {
    }

    /** Finds the operands by rule id; the engine's view of its registered rules. */
    interface Operands {
        /** Empty when no rule of that id is registered. */
        Optional<OperandState> state(String ruleId);
    }

    record Spec(String ruleId, CompositeOperator operator, List<String> operands) {
        Spec {
            ruleId = ThresholdRuleSpec.required("rule", "ruleId", ruleId);
            Objects.requireNonNull(operator, "operator");
            operands = List.copyOf(operands);
            if (new LinkedHashSet<>(operands).size() < 2) {
                throw new IllegalArgumentException("rule " + ruleId + ": needs at least 2 different operands, has "
                        + operands);
            }
            if (operands.contains(ruleId)) {
                throw new IllegalArgumentException("rule " + ruleId + ": cannot be an operand of itself");
            }
        }
    }

    private final Spec spec;
    private final AlarmTracker tracker;
    private List<String> channels = List.of(); // the operands' channels at the last evaluation, for the events

    CompositeRule(Spec spec, OccurrenceNumbers occurrences) {
        this.spec = spec;
        this.tracker = new AlarmTracker(spec.ruleId(), () -> channels, occurrences, Debounce.NONE);
    }

    Spec spec() {
        return spec;
    }

    @Override
    public String key() {
        return "composite:" + spec.ruleId();
    }

    /** None: a composite is evaluated on its operands' changes, not on readings. */
    @Override
    public Set<String> channels() {
        return Set.of();
    }

    /** True if a reading of this channel can change one of its operands. */
    boolean watches(String channel, Operands operands) {
        for (String id : spec.operands()) {
            if (operands.state(id).map(s -> s.channels().contains(channel)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<AlarmEvent> onReading(Reading reading, SiteInfo site) {
        return List.of();
    }

    /** Combines the operands' levels as they are now into the composite's alarm. */
    Optional<AlarmEvent> evaluate(Instant at, Operands operands, SiteInfo site) {
        AlarmLevel current = tracker.level().orElse(null);
        var seen = new LinkedHashSet<String>();
        AlarmLevel target = null;
        boolean first = true;
        for (String id : spec.operands()) {
            Optional<OperandState> state = operands.state(id);
            state.ifPresent(s -> seen.addAll(s.channels()));
            AlarmLevel level = state.flatMap(OperandState::level).filter(AlarmLevel::isWarning).orElse(null);
            if (state.isEmpty()) {
                level = current; // unknown for now: hold
            } else if (state.get().faulty()) {
                level = lower(level, current); // not believed: may hold the composite, never lift it
            }
            target = first ? level : spec.operator() == CompositeOperator.AND ? lower(target, level) : higher(target, level);
            first = false;
        }
        if (!seen.isEmpty()) {
            channels = List.copyOf(seen);
        }
        AlarmLevel clearLevel = current;
        return tracker.evaluate(at, target, clearLevel, l -> new AlarmTracker.Detail(null, null, null), site);
    }

    Optional<AlarmLevel> level() {
        return tracker.level();
    }

    @Override
    public Optional<AlarmLevel> warningLevel() {
        return tracker.level();
    }

    private static AlarmLevel lower(AlarmLevel a, AlarmLevel b) {
        return a == null || b == null ? null : a.compareTo(b) <= 0 ? a : b;
    }

    private static AlarmLevel higher(AlarmLevel a, AlarmLevel b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public List<AlarmEvent> acknowledge(String alarmId, Instant at, SiteInfo site) {
        return tracker.acknowledge(alarmId, at, site).map(List::of).orElse(List.of());
    }

    @Override
    public void writeAlarms(DataOutput out) throws IOException {
        tracker.write(out);
        out.writeInt(channels.size());
        for (String channel : channels) {
            out.writeUTF(channel);
        }
    }

    @Override
    public void readAlarms(DataInput in, int version) throws IOException {
        tracker.read(in, version);
        int n = in.readInt();
        var read = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            read.add(in.readUTF());
        }
        channels = List.copyOf(read);
    }

    @Override
    public long retainedBytes() {
        return 200L + 64L * spec.operands().size();
    }
}
