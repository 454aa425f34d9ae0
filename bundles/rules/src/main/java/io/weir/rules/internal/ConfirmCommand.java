package io.weir.rules.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.weir.api.command.CommandHandler;

/**
 * {@code rules-confirm}: a technician on site confirms the value a fault rule holds as a jump (the sensor was moved,
 * or the water really is there), so the channel is believed again. Argument {@code rule}: the fault rule's id;
 * optional {@code by}: who confirms, for the log. Works from the cloud and from the local console alike.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=" + ConfirmCommand.NAME)
public final class ConfirmCommand implements CommandHandler {

    static final String NAME = "rules-confirm";

    private final RuleEngine engine;

    @Activate
    public ConfirmCommand(@Reference(name = "engine") RuleEngineComponent engine) {
        this(engine.engine());
    }

    ConfirmCommand(RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public String handle(Map<String, String> args) {
        String rule = args.get("rule");
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule is missing: the id of the fault rule whose value to confirm");
        }
        if (!engine.confirm(rule.strip(), args.getOrDefault("by", "a technician"))) {
            throw new IllegalArgumentException("no fault rule '" + rule.strip() + "' on this gateway");
        }
        return "{\"rule\":\"" + rule.strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"confirmed\":true}";
    }
}
