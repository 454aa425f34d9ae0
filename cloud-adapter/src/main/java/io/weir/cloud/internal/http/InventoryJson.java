package io.weir.cloud.internal.http;

import io.weir.cloud.deploy.GatewayInventory;
import java.util.Map;

/** A gateway's inventory and drift as the operations API shows it. */
final class InventoryJson {
    private InventoryJson() {
    }

    static Map<String, Object> map(GatewayInventory i) {
        return DeployApi.ordered("gatewayId", i.gatewayId(), "inSync", i.inSync(),
                "reportedAt", DeployApi.iso(i.reportedAt()), "stateTs", DeployApi.iso(i.stateTs()),
                "packages", i.packages(), "bundles", i.bundles(), "configDigest", i.configDigest(),
                "expected", i.expected().stream().map(d -> DeployApi.ordered("name", d.name(), "version", d.version(),
                        "rolloutId", d.rolloutId(), "jobId", d.jobId(), "succeededAt", DeployApi.iso(d.succeededAt()),
                        "configDigest", d.configDigest())).toList(),
                "drift", i.drift().stream().map(d -> DeployApi.ordered("kind", d.kind().name(), "subject",
                        d.subject(), "expected", d.expected(), "actual", d.actual(), "detail", d.detail(),
                        "redeployable", d.redeployable())).toList());
    }
}
