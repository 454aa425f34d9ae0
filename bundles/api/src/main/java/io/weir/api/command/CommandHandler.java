package io.weir.api.command;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: one command the gateway answers, registered with the service property
 * {@value #NAME} set to the command's name (letters, digits and '-'). The uplink routes
 * {@code weir/v1/{gw}/cmd/{name}} to it and publishes the result on the reply topic; the local console exposes
 * the same handlers to a technician on the site network, so every command works with the link down.
 */
@ConsumerType
public interface CommandHandler {

    /** Service property naming the command, for example {@code modbus-write}. */
    String NAME = "weir.command.name";

    /**
     * Runs the command.
     *
     * @param args the request's scalar arguments, as strings
     * @return the result as one JSON object (its text)
     * @throws IllegalArgumentException when the arguments are wrong; its message names what is wrong and is sent
     *                                  back as the error
     * @throws Exception                when the command was understood and failed; its message is sent back
     */
    String handle(Map<String, String> args) throws Exception;
}
