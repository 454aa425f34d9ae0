package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.DeploymentRequestException;
import io.weir.cloud.deploy.Deployments;
import io.weir.cloud.deploy.FleetInventory;
import io.weir.cloud.deploy.GatewayInventory;
import io.weir.cloud.deploy.GatewayInventory.Deployed;
import io.weir.cloud.deploy.GatewayInventory.Drift;
import io.weir.cloud.deploy.RolloutRequest;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.cloud.internal.store.Transactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FleetInventory} over the database. What a gateway should run is, per package, its last successful job
 * (an uninstall leaves nothing); drift is every difference between that and its inventory. Bundles and the site
 * file's digest are compared only when they come from the newest report (no deploy event since the last state
 * message), so a deployment that has just succeeded is not called drift before the gateway reported its new state.
 */
public final class InventoryService implements FleetInventory {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final Transactor transactor;
    private final Deployments deployments;
    private final InventoryTable inventory = new InventoryTable();
    private final PackageTable packages = new PackageTable();

    public InventoryService(Transactor transactor, Deployments deployments) {
        this.transactor = transactor;
        this.deployments = deployments;
    }

    @Override
    public List<GatewayInventory> inventory() {
        return transactor.read(c -> {
            List<GatewayInventory> all = new ArrayList<>();
            for (InventoryTable.Row row : inventory.all(c)) {
                all.add(judge(c, row));
            }
            return all;
        });
    }

    @Override
    public Optional<GatewayInventory> inventory(String gatewayId) {
        return transactor.read(c -> {
            Optional<InventoryTable.Row> row = inventory.find(c, gatewayId);
            return row.isEmpty() ? Optional.<GatewayInventory>empty() : Optional.of(judge(c, row.get()));
        });
    }

    @Override
    public List<RolloutStatus> redeploy(String gatewayId, String operator) {
        GatewayInventory gw = inventory(gatewayId).orElseThrow(() -> DeploymentRequestException.notFound(
                "gateway " + gatewayId + " has reported no inventory"));
        Map<String, String> toPush = new LinkedHashMap<>();
        gw.drift().stream().filter(Drift::redeployable).forEach(d -> toPush.put(d.subject(), d.expected()));
        if (toPush.isEmpty()) {
            throw new DeploymentRequestException("gateway " + gatewayId + (gw.inSync() ? " runs what was deployed"
                    : " has drifted only in bundles or its site file (" + gw.drift().stream().map(Drift::detail)
                    .toList() + "), which the same package version pushed again would not change; push a new "
                    + "version") + ": nothing to redeploy", true);
        }
        List<RolloutStatus> started = new ArrayList<>();
        toPush.forEach((name, version) -> started.add(deployments.startRollout(
                RolloutRequest.toGateway(name, version, gatewayId))));
        LOG.info("{} redeploys {} to {}", operator, toPush, gatewayId);
        return started;
    }

    private GatewayInventory judge(Connection c, InventoryTable.Row row) throws SQLException {
        List<Deployed> expected = expected(c, row.gatewayId());
        List<Drift> drift = new ArrayList<>();
        boolean stateIsNewest = row.stateTs() != null && !row.stateTs().isBefore(row.packagesTs());
        for (Deployed d : expected) {
            String actual = row.packages().get(d.name());
            if (actual == null) {
                drift.add(new Drift(Drift.Kind.PACKAGE_MISSING, d.name(), d.version(), null, d.name() + " "
                        + d.version() + " was deployed by " + d.rolloutId() + " and is no longer installed"));
                continue;
            }
            if (!actual.equals(d.version())) {
                drift.add(new Drift(Drift.Kind.PACKAGE_VERSION, d.name(), d.version(), actual, d.name() + " is at "
                        + actual + "; " + d.rolloutId() + " deployed " + d.version()));
                continue;
            }
            if (stateIsNewest && !row.bundles().isEmpty()) {
                packages.bundles(c, d.name(), d.version()).forEach((bundle, version) -> {
                    String running = row.bundles().get(bundle);
                    if (!version.equals(running)) {
                        drift.add(new Drift(Drift.Kind.BUNDLE, bundle, version, running, "bundle " + bundle + " of "
                                + d.name() + " " + d.version() + " is " + (running == null ? "not installed"
                                : "at " + running) + ", the package has " + version));
                    }
                });
            }
        }
        expected.stream().filter(d -> d.configDigest() != null).max(Comparator.comparing(Deployed::succeededAt))
                .filter(d -> stateIsNewest && row.configDigest() != null && !row.configDigest().equals(
                        d.configDigest()))
                .ifPresent(d -> drift.add(new Drift(Drift.Kind.CONFIG, "site", d.configDigest(), row.configDigest(),
                        "the site file changed since " + d.rolloutId() + " succeeded (SHA-256 "
                        + d.configDigest().substring(0, 12) + "... then, " + row.configDigest().substring(0, 12)
                        + "... now)")));
        return new GatewayInventory(row.gatewayId(), row.updatedAt(), row.stateTs(), row.packages(), row.bundles(),
                row.configDigest(), expected, drift);
    }

    /** Per package, the gateway's last successful job; a package whose last one uninstalled it is left out. */
    private static List<Deployed> expected(Connection c, String gatewayId) throws SQLException {
        Map<String, Deployed> last = new LinkedHashMap<>();
        Map<String, Boolean> removed = new LinkedHashMap<>();
        for (Object[] row : Rows.list(c, "SELECT r.name, COALESCE(j.version, r.version) AS version, j.action, "
                + "j.rollout_id, j.job_id, COALESCE(j.last_report_at, j.updated_at) AS at, j.config_digest "
                + "FROM deploy_job j JOIN deploy_rollout r ON r.rollout_id = j.rollout_id WHERE j.gateway_id = ? "
                + "AND j.state = 'SUCCEEDED' ORDER BY at, j.job_id", r -> new Object[] {r.getString(1),
                r.getString(2), r.getString(3), r.getString(4), r.getString(5), Instant.ofEpochMilli(r.getLong(6)),
                r.getString(7)}, gatewayId)) {
            String name = (String) row[0];
            last.put(name, new Deployed(name, (String) row[1], (String) row[3], (String) row[4], (Instant) row[5],
                    (String) row[6]));
            removed.put(name, JobTable.UNINSTALL.equals(row[2]));
        }
        return last.values().stream().filter(d -> !removed.get(d.name())).toList();
    }
}
