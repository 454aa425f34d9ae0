package io.weir.cloud.cli;

import io.weir.cloud.CaseClass;
import io.weir.cloud.DeliveryOptions;
import io.weir.cloud.DeployOptions;
import io.weir.cloud.SecurityOptions;
import io.weir.cloud.ServiceOptions;
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
        SecurityOptions security = SecurityOptions.defaults();
        defaults = Map.ofEntries(
                Map.entry("--max-message-bytes", Integer.toString(security.mqtt().maxMessageBytes())),
                Map.entry("--command-ttl", security.commandTtl().toString()),
                Map.entry("--ack-ttl", security.ackTtl().toString()),
                Map.entry("--mqtt-reconnect-max", ServiceOptions.defaults().mqttReconnectMax().toString()),
                Map.entry("--retention-telemetry", ServiceOptions.defaults().retention().telemetry().toString()),
                Map.entry("--retention-events", ServiceOptions.defaults().retention().events().toString()),
                Map.entry("--retention-dead-letters", ServiceOptions.defaults().retention().deadLetters().toString()),
                Map.entry("--retention-interval", ServiceOptions.defaults().retention().interval().toString()),
                Map.entry("--event-small-class", event.smallClass()),
                Map.entry("--event-department", event.department()),
                Map.entry("--event-time-limit-hours", Integer.toString(event.timeLimitHours())),
                Map.entry("--component-small-class", component.smallClass()),
                Map.entry("--component-department", component.department()),
                Map.entry("--component-time-limit-hours", Integer.toString(component.timeLimitHours())),
                Map.entry("--poll-interval", delivery.pollInterval().toString()),
                Map.entry("--retry-base", delivery.retryBase().toString()),
                Map.entry("--retry-cap", delivery.retryCap().toString()),
                Map.entry("--request-timeout", delivery.requestTimeout().toString()),
                Map.entry("--deploy-job-timeout", DeployOptions.defaults().jobTimeout().toString()));
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        return argSpec instanceof OptionSpec option ? defaults.get(option.longestName()) : null;
    }
}
