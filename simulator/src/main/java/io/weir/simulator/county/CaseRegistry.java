package io.weir.simulator.county;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases the platform holds, in the order received. Opening a case is idempotent per idempotency key, and
 * case ids count from 0001 each day of the platform clock's zone: {@code C20261121-0001}.
 */
final class CaseRegistry {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Clock clock;
    private final List<CountyCase> cases = new ArrayList<>();
    private final Map<String, CountyCase> byKey = new HashMap<>();
    private final Map<LocalDate, Integer> issuedPerDay = new HashMap<>();
    private final List<CaseActivity> activities = new ArrayList<>();
    private final Map<String, CaseActivity> activityByKey = new HashMap<>();
    private final java.util.function.Consumer<CountyCase> statusChanged;

    CaseRegistry(Clock clock) {
        this(clock, c -> { });
    }

    /** {@code statusChanged} hears every new status, REGISTERED included, outside the registry's lock. */
    CaseRegistry(Clock clock, java.util.function.Consumer<CountyCase> statusChanged) {
        this.clock = clock;
        this.statusChanged = statusChanged;
    }

    /** The case, or null. */
    synchronized CountyCase find(String caseId) {
        return cases.stream().filter(c -> c.caseId().equals(caseId)).findFirst().orElse(null);
    }

    /**
     * Applies a follow-up once per key; {@code update} changes the case (null for none). Returns whether it was
     * applied now (false: the key was seen before) with the case after it.
     */
    Applied follow(String caseId, String kind, String key, String text,
            java.util.function.UnaryOperator<CountyCase> update) {
        CountyCase after;
        boolean changedStatus;
        synchronized (this) {
            CountyCase current = find(caseId);
            if (current == null) {
                return null;
            }
            if (activityByKey.containsKey(key)) {
                return new Applied(current, false);
            }
            CaseActivity activity = new CaseActivity(caseId, kind, key, text, clock.instant());
            activities.add(activity);
            activityByKey.put(key, activity);
            after = update == null ? current : update.apply(current);
            replace(after);
            changedStatus = !after.status().equals(current.status());
        }
        if (changedStatus) {
            statusChanged.accept(after);
        }
        return new Applied(after, true);
    }

    /** Moves the case to {@code status}, as the platform's staff would; null for an unknown case. */
    CountyCase advance(String caseId, String status) {
        CountyCase after;
        synchronized (this) {
            CountyCase current = find(caseId);
            if (current == null || current.status().equals(status)) {
                return current;
            }
            after = current.withStatus(status);
            replace(after);
        }
        statusChanged.accept(after);
        return after;
    }

    synchronized List<CaseActivity> activities() {
        return List.copyOf(activities);
    }

    private void replace(CountyCase after) {
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).caseId().equals(after.caseId())) {
                cases.set(i, after);
            }
        }
        byKey.put(after.idempotencyKey(), after);
    }

    /** The case opened for this report's key: a new one, or the one an earlier report with the key opened. */
    Opened open(CaseReport report) {
        Opened opened = register(report);
        if (opened.created()) {
            statusChanged.accept(opened.countyCase());
        }
        return opened;
    }

    private synchronized Opened register(CaseReport report) {
        CountyCase existing = byKey.get(report.idempotencyKey());
        if (existing != null) {
            return new Opened(existing, false);
        }
        var receivedAt = clock.instant();
        LocalDate day = LocalDate.ofInstant(receivedAt, clock.getZone());
        int number = issuedPerDay.merge(day, 1, Integer::sum);
        CountyCase opened = report.register(String.format("C%s-%04d", DAY.format(day), number), receivedAt);
        cases.add(opened);
        byKey.put(opened.idempotencyKey(), opened);
        return new Opened(opened, true);
    }

    /** An immutable copy, oldest first. */
    synchronized List<CountyCase> snapshot() {
        return List.copyOf(cases);
    }

    /** A follow-up's outcome: {@code applied} false when its key was seen before. */
    record Applied(CountyCase countyCase, boolean applied) {
    }

    /** Whether {@link #open} registered the case just now ({@code created}) or had it already. */
    record Opened(CountyCase countyCase, boolean created) {
    }
}
