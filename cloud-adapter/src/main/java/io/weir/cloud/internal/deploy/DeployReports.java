package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.JobState;
import io.weir.cloud.internal.protocol.CommandReply;
import io.weir.cloud.internal.protocol.EventMessage;
import io.weir.cloud.internal.protocol.GatewayEventRecord;
import io.weir.cloud.internal.protocol.StateMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What gateways report about deployments, applied in the ingest transaction: every event is stored, and a DEPLOY_*
 * event or a reply to cmd/deploy-install (or cmd/deploy-uninstall) moves its job forward. Births keep the gateway's
 * inventory, and the deploy events that change a package (whoever asked for the change, the cloud or a technician on
 * site) update it in between. Duplicated messages never get here (the (gatewayId, seq) filter); a repeated report
 * in a new message finds the job already there and changes nothing.
 */
public final class DeployReports {
    private static final Logger LOG = LoggerFactory.getLogger(DeployReports.class);
    static final String INSTALL_COMMAND = "deploy-install";
    static final String UNINSTALL_COMMAND = "deploy-uninstall";
    private static final String NOTHING_RESTORED = "none (uninstalled)";

    private final GatewayEventTable events;
    private final JobTable jobs;
    private final InventoryTable inventory = new InventoryTable();

    public DeployReports(GatewayEventTable events) {
        this.events = events;
        this.jobs = new JobTable();
    }

    /** Keeps the inventory a birth carries; true when it was newer than what was kept. */
    public boolean record(Connection c, StateMessage state, Instant now) throws SQLException {
        if (!state.online() || state.inventory() == null) {
            return false;
        }
        return inventory.applyState(c, state.gatewayId(), state.ts(), state.inventory(), now);
    }

    /** Stores the events; returns how many moved a job. */
    public int record(Connection c, EventMessage message, Instant now) throws SQLException {
        int moved = 0;
        for (int i = 0; i < message.events().size(); i++) {
            GatewayEventRecord event = message.events().get(i);
            String jobId = event.type().startsWith("DEPLOY_") ? event.text("jobId") : null;
            events.insert(c, message.gatewayId(), message.seq(), i, event, jobId, now);
            updateInventory(c, message.gatewayId(), event, now);
            JobState state = JobState.fromEvent(event.type()).orElse(null);
            if (jobId == null || state == null) {
                continue;
            }
            if (jobs.report(c, message.gatewayId(), jobId, state, detail(event, state), event.number("bytes"),
                    event.number("totalBytes"), state == JobState.SUCCEEDED ? event.text("siteSha256") : null,
                    now)) {
                moved++;
                LOG.info("Deployment job {} on {}: {}", jobId, message.gatewayId(), state);
            }
        }
        return moved;
    }

    /**
     * Applies a reply to cmd/deploy-install or cmd/deploy-uninstall (request id {@code jobId:attempt}); true when it
     * moved the job.
     */
    public boolean record(Connection c, CommandReply reply, Instant now) throws SQLException {
        int colon = reply.requestId().lastIndexOf(':');
        if (!(reply.command().equals(INSTALL_COMMAND) || reply.command().equals(UNINSTALL_COMMAND)) || colon <= 0) {
            return false;
        }
        String jobId = reply.requestId().substring(0, colon);
        if (reply.ok()) {
            return jobs.report(c, reply.gatewayId(), jobId, JobState.ACCEPTED, null, null, null, null, now);
        }
        LOG.warn("Gateway {} refused deployment job {}: {}", reply.gatewayId(), jobId, reply.error());
        return jobs.report(c, reply.gatewayId(), jobId, JobState.FAILED, "refused by the gateway: " + reply.error(),
                null, null, null, now);
    }

    /** A package installed, restored or uninstalled on the gateway changes its inventory at once. */
    private void updateInventory(Connection c, String gatewayId, GatewayEventRecord event, Instant now)
            throws SQLException {
        String name = event.text("name");
        if (name == null || event.ts() == null) {
            return;
        }
        switch (event.type()) {
            case "DEPLOY_SUCCEEDED" -> inventory.applyEvent(c, gatewayId, event.ts(), name, event.text("version"),
                    now);
            case "DEPLOY_UNINSTALLED" -> inventory.applyEvent(c, gatewayId, event.ts(), name, null, now);
            case "DEPLOY_ROLLED_BACK" -> {
                String restored = event.text("restored");
                if (restored != null) {
                    inventory.applyEvent(c, gatewayId, event.ts(), name,
                            restored.equals(NOTHING_RESTORED) ? null : restored, now);
                }
            }
            default -> { }
        }
    }

    private static String detail(GatewayEventRecord event, JobState state) {
        return switch (state) {
            case FAILED -> "step " + orUnknown(event.text("step")) + ": " + orUnknown(event.text("reason"));
            case ROLLED_BACK -> orUnknown(event.text("reason"));
            case VERIFIED -> event.text("signer") == null ? null : "signed by " + event.text("signer");
            default -> null;
        };
    }

    private static String orUnknown(String text) {
        return text == null ? "(not given)" : text;
    }
}
