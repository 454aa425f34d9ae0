package io.weir.cloud.cli;

import io.weir.cloud.CaseClass;
import io.weir.cloud.DeliveryOptions;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Takes the command line's defaults from the configuration records, so each default is written once. */
public final class RecordDefaults implements IDefaultValueProvider {
    private final Map<String, String> defaults;

    public RecordDefaults() {
        CaseClass event = CaseClass.defaultEvent();
        CaseClass component = CaseClass.defaultComponent();
        DeliveryOptions delivery = DeliveryOptions.defaults();
        defaults = Map.of(
                "--event-small-class", event.smallClass(),
                "--event-department", event.department(),
                "--event-time-limit-hours", Integer.toString(event.timeLimitHours()),
                "--component-small-class", component.smallClass(),
                "--component-department", component.department(),
                "--component-time-limit-hours", Integer.toString(component.timeLimitHours()),
                "--poll-interval", delivery.pollInterval().toString(),
                "--retry-base", delivery.retryBase().toString(),
                "--retry-cap", delivery.retryCap().toString(),
                "--request-timeout", delivery.requestTimeout().toString());
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        return argSpec instanceof OptionSpec option ? defaults.get(option.longestName()) : null;
    }
}
