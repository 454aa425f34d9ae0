package io.weir.deploy.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.weir.api.command.CommandHandler;

/** {@code deploy-list}: see docs/protocol.md, "Deployment". */
@Component(property = CommandHandler.NAME + "=deploy-list")
public final class DeployListCommand implements CommandHandler {

    private final DeployAgentComponent agent;

    @Activate
    public DeployListCommand(@Reference DeployAgentComponent agent) {
        this.agent = agent;
    }

    @Override
    public String handle(Map<String, String> args) {
        return agent.list();
    }
}
