package io.weir.cloud.query;

/**
 * Where a case request stands: PENDING until the platform confirms a case id (SENT) or refuses it for good
 * (FAILED).
 */
public enum CaseDeliveryStatus { PENDING, SENT, FAILED }
