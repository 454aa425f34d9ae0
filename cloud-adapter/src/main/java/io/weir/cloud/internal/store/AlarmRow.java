package io.weir.cloud.internal.store;

import io.weir.cloud.internal.protocol.AlarmEvent;

/** An alarm event with the fields the tables keep as JSON already serialized. */
public record AlarmRow(String gatewayId, long seq, AlarmEvent event, String channelsJson, String valueJson) {
}
