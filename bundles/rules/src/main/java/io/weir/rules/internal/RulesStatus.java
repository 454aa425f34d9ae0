package io.weir.rules.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.weir.api.command.StatusProvider;

/**
 * The {@code rules} status part: how many readings the rules evaluated and how long that took
 * ({@code {"readingsEvaluated":..,"evaluationNanos":..}}), for the metrics bundle and the console.
 */
@Component(service = StatusProvider.class, property = StatusProvider.NAME + "=rules")
public final class RulesStatus implements StatusProvider {

    private final RuleEngineComponent engine;

    @Activate
    public RulesStatus(@Reference RuleEngineComponent engine) {
        this.engine = engine;
    }

    @Override
    public String statusJson() {
        return engine.work().json();
    }
}
