package io.weir.cloud.deploy;

import java.util.List;
import java.util.Optional;

/**
 * What each gateway reports it runs (deployment packages, bundle versions, the digest of its site file), compared with
 * what its last successful deployments put there (docs/protocol.md "Inventory").
 */
public interface FleetInventory {

    /** Every gateway that reported an inventory, by id. */
    List<GatewayInventory> inventory();

    Optional<GatewayInventory> inventory(String gatewayId);

    /**
     * Pushes again, to this gateway alone, each package whose deployed version it no longer has (one rollout per
     * package). Refused when nothing a redeploy can repair has drifted.
     */
    List<RolloutStatus> redeploy(String gatewayId, String operator);
}
