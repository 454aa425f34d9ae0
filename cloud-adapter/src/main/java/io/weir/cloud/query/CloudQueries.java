package io.weir.cloud.query;

import java.util.List;
import java.util.Optional;

/** Read access to what the adapter stored, for operations tooling, the demo and tests. */
public interface CloudQueries {

    Optional<GatewayStatus> gateway(String gatewayId);

    /** The gateway's readings, oldest first (by reading time, then message order). */
    List<StoredReading> readings(String gatewayId);

    long readingCount();

    /** The newest reading of every channel (by reading time), by channel. */
    List<StoredReading> latestReadings();

    Optional<AlarmStatus> alarm(String alarmId);

    /** The alarm's events by alarmSeq. */
    List<StoredAlarmEvent> alarmEvents(String alarmId);

    /** Every case request, oldest first. */
    List<CaseRequest> caseRequests();

    Optional<CaseRequest> caseRequest(String alarmId);

    /** Rejected messages, oldest first. */
    List<DeadLetter> deadLetters();
}
