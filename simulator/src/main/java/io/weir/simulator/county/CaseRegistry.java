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

    CaseRegistry(Clock clock) {
        this.clock = clock;
    }

    /** The case opened for this report's key: a new one, or the one an earlier report with the key opened. */
    synchronized Opened open(CaseReport report) {
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

    /** Whether {@link #open} registered the case just now ({@code created}) or had it already. */
    record Opened(CountyCase countyCase, boolean created) {
    }
}
