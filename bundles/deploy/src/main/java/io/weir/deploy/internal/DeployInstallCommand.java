package io.weir.deploy.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.weir.api.command.CommandHandler;

/** {@code deploy-install}: see docs/protocol.md, "Deployment". */
@Component(property = CommandHandler.NAME + "=deploy-install")
public final class DeployInstallCommand implements CommandHandler {

    private final DeployAgentComponent agent;

    @Activate
    public DeployInstallCommand(@Reference DeployAgentComponent agent) {
        this.agent = agent;
    }

    @Override
    public String handle(Map<String, String> args) {
        return agent.install(args);
    }
}
