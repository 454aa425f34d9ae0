package io.weir.cloud.internal.protocol;

/** A message numbered by the gateway's store: (gatewayId, seq) identifies it across redeliveries. */
public interface Sequenced {
    String gatewayId();

    long seq();
}
