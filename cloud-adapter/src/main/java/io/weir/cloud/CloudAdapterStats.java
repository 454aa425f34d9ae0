package io.weir.cloud;

/**
 * A snapshot of the adapter's work. The message counters count since this adapter instance started; the case
 * counters are read from the database and so include earlier runs.
 *
 * @param messagesIngested  messages committed to the database (state, telemetry, alarm)
 * @param duplicatesDropped messages whose (gatewayId, seq) was already committed
 * @param messagesRejected  messages that broke the contract, kept in the dead-letter table
 * @param storeFailures     attempts whose transaction failed; the message stayed unacknowledged and the broker
 *                          redelivers it after the reconnect
 * @param casesOpened       cases the county platform has confirmed with a case id
 * @param casesPending      case requests waiting to be (re)sent
 * @param casesFailed       case requests the platform refused for good (a 4xx other than 429)
 * @param followUpsPending  updates, notes and close requests waiting for their case or for a (re)send
 * @param followUpsFailed   follow-ups refused for good, or never sendable because their case was never opened
 * @param messagesQuarantined messages from gateways that are not registered: counted and kept aside, never stored
 */
public record CloudAdapterStats(long messagesIngested, long duplicatesDropped, long messagesRejected,
                                long storeFailures, long casesOpened, long casesPending, long casesFailed,
                                long followUpsPending, long followUpsFailed, long messagesQuarantined) {
}
