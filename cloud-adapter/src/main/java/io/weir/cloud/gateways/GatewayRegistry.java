package io.weir.cloud.gateways;

import java.util.List;

/**
 * The gateways operations registered. The adapter ingests messages only from these; a message from any other gateway
 * id is counted and kept aside (quarantined, a bounded number of them) and never opens a case. Held in the database,
 * so every adapter instance over it agrees. Bad ids throw {@link IllegalArgumentException} naming the problem.
 */
public interface GatewayRegistry {

    /**
     * Registers a gateway id; registering it again only updates the note (a null note keeps the one it has).
     *
     * @param note free text for operators (site, installer), up to 255 characters; may be null
     * @param by   who asked (an operator name, {@code config}); goes into the log and the row
     * @return true if the id was not registered before
     */
    boolean register(String gatewayId, String note, String by);

    /** Deregisters a gateway id; its later messages are quarantined. @return false if it was not registered */
    boolean deregister(String gatewayId, String by);

    boolean isRegistered(String gatewayId);

    /** Registered gateways by id. */
    List<RegisteredGateway> registered();

    /** Unregistered gateway ids that sent messages, most recently seen first. */
    List<UnknownGateway> unknown();

    /** The quarantined messages of one gateway id, newest first. */
    List<QuarantinedMessage> quarantined(String gatewayId, int limit);
}
