package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.RolloutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The operations dashboard: one server-rendered page (no script), refreshed every 10 s. */
final class Dashboard {
    private Dashboard() {
    }

    /** What the page shows. */
    record Data(List<Map<String, Object>> gateways, List<Map<String, Object>> readings,
                List<Map<String, Object>> alarms, List<Map<String, Object>> cases,
                List<Map<String, Object>> followUps, List<RolloutStatus> rollouts,
                List<io.weir.cloud.deploy.GatewayInventory> drifted) {
    }

    static String render(Data data, ObjectMapper json) {
        List<Map<String, Object>> gateways = data.gateways();
        List<Map<String, Object>> readings = data.readings();
        List<Map<String, Object>> alarms = data.alarms();
        List<Map<String, Object>> cases = data.cases();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="10"><title>Weir operations</title>
                <style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}
                td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.off,.bad{color:#b00}.on,.good{color:#070}</style>
                </head><body><h1>Weir operations</h1>
                """);
        html.append("<h2>Gateways</h2><table id=\"gateways\"><tr><th>Gateway</th><th>Online</th><th>Last seen</th>"
                + "<th>Site</th><th>Versions</th><th>Profiles</th></tr>");
        for (Map<String, Object> g : gateways) {
            boolean online = Boolean.TRUE.equals(g.get("online"));
            html.append("<tr><td>").append(esc(g.get("gatewayId"))).append("</td><td class=\"")
                    .append(online ? "on\">online" : "off\">offline").append(g.get("stateReason") == null ? ""
                            : " (" + esc(g.get("stateReason")) + ")")
                    .append("</td><td>").append(time(g.get("lastSeenAt"))).append("</td><td>")
                    .append(esc(g.get("siteName"))).append("</td><td>").append(versions(g.get("runtimeJson"), json))
                    .append("</td><td>").append(esc(g.get("profilesJson"))).append("</td></tr>");
        }
        html.append("</table><h2>Latest readings</h2><table id=\"readings\"><tr><th>Channel</th><th>Time</th>"
                + "<th>Value</th><th>Quality</th></tr>");
        for (Map<String, Object> r : readings) {
            Object value = r.get("valueNum") != null ? number(r.get("valueNum"), r.get("decimals"))
                    : r.get("valueBool") != null ? r.get("valueBool") : r.get("valueText");
            html.append("<tr><td>").append(esc(r.get("channel"))).append("</td><td>").append(time(r.get("ts")))
                    .append("</td><td>").append(esc(value)).append(r.get("unit") == null ? "" : " " + esc(r.get("unit")))
                    .append("</td><td>").append(esc(r.get("quality")))
                    .append(r.get("reason") == null ? "" : " " + esc(r.get("reason"))).append("</td></tr>");
        }
        html.append("</table><h2>Open alarms</h2><table id=\"alarms\"><tr><th>Alarm</th><th>Level</th>"
                + "<th>Last transition</th><th>Site</th><th>Raised</th></tr>");
        for (Map<String, Object> a : alarms) {
            html.append("<tr><td>").append(esc(a.get("alarmId"))).append("</td><td>").append(esc(a.get("level")))
                    .append("</td><td>").append(esc(a.get("lastTransition"))).append("</td><td>")
                    .append(esc(a.get("siteName"))).append("</td><td>").append(time(a.get("raisedAt")))
                    .append("</td></tr>");
        }
        html.append("</table><h2>Cases</h2><table id=\"cases\"><tr><th>Alarm</th><th>Case</th><th>Delivery</th>"
                + "<th>Platform status</th><th>Attempts</th><th>Follow-ups sent / pending / failed</th>"
                + "<th>Error</th></tr>");
        for (Map<String, Object> c : cases) {
            html.append("<tr><td>").append(esc(c.get("alarmId"))).append("</td><td>").append(esc(c.get("caseId")))
                    .append("</td><td>").append(esc(c.get("delivery"))).append("</td><td>")
                    .append(esc(c.get("caseStatus"))).append("</td><td>").append(esc(c.get("attempts")))
                    .append("</td><td>").append(esc(c.get("followupsSent"))).append(" / ")
                    .append(esc(c.get("followupsPending"))).append(" / ").append(esc(c.get("followupsFailed")))
                    .append("</td><td>").append(esc(c.get("lastError"))).append("</td></tr>");
        }
        html.append("</table><h2>Case follow-ups not delivered</h2><table id=\"followups\"><tr><th>Alarm</th>"
                + "<th>Event</th><th>Kind</th><th>Status</th><th>Attempts</th><th>Reason</th></tr>");
        for (Map<String, Object> f : data.followUps()) {
            html.append("<tr><td>").append(esc(f.get("alarmId"))).append("</td><td>").append(esc(f.get("alarmSeq")))
                    .append("</td><td>").append(esc(f.get("kind"))).append("</td><td>").append(esc(f.get("status")))
                    .append("</td><td>").append(esc(f.get("attempts"))).append("</td><td>")
                    .append(esc(f.get("lastError"))).append("</td></tr>");
        }
        html.append("</table>");
        deployments(html, data.rollouts());
        drift(html, data.drifted());
        return html.append("</body></html>\n").toString();
    }

    private static void deployments(StringBuilder html, List<RolloutStatus> rollouts) {
        html.append("<h2>Deployments</h2><table id=\"rollouts\"><tr><th>Rollout</th><th>Package</th><th>Target</th>"
                + "<th>Wave</th><th>State</th><th>Gateways</th></tr>");
        for (RolloutStatus r : rollouts) {
            boolean bad = r.state().name().equals("HALTED") || r.state().name().equals("FINISHED_WITH_FAILURES");
            html.append("<tr><td>").append(esc(r.rolloutId())).append("</td><td>").append(esc(r.name())).append(' ')
                    .append(esc(r.version())).append("</td><td>").append(esc(r.target())).append("</td><td>")
                    .append(r.currentWave()).append(" of ").append(r.waveCount()).append("</td><td class=\"")
                    .append(bad ? "bad" : "good").append("\">").append(esc(r.state()))
                    .append(r.steeredBy() == null ? "" : " (last steered by " + esc(r.steeredBy()) + ")")
                    .append(r.haltReason() == null ? "" : ": " + esc(r.haltReason())).append("</td><td>");
            for (JobStatus j : r.activeJobs()) {
                html.append("<div>").append(esc(j.gatewayId())).append(" (wave ").append(j.wave()).append("): ")
                        .append(esc(j.state())).append(progress(j))
                        .append(j.detail() == null ? "" : " &mdash; " + esc(j.detail())).append("</div>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    /** Gateways that no longer run what was deployed to them. */
    private static void drift(StringBuilder html, List<io.weir.cloud.deploy.GatewayInventory> drifted) {
        html.append("<h2>Drift from the last deployments</h2><table id=\"drift\"><tr><th>Gateway</th>"
                + "<th>What differs</th></tr>");
        for (var gateway : drifted) {
            html.append("<tr><td>").append(esc(gateway.gatewayId())).append("</td><td>");
            for (var d : gateway.drift()) {
                html.append("<div class=\"bad\">").append(esc(d.kind())).append(": ").append(esc(d.detail()))
                        .append(d.redeployable() ? " (redeploy: weir-ops gateway redeploy " + esc(gateway.gatewayId())
                                + ")" : "").append("</div>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    private static String progress(JobStatus j) {
        if (j.bytes() == null || j.totalBytes() == null || j.totalBytes() <= 0) {
            return "";
        }
        return " " + Math.min(100, j.bytes() * 100 / j.totalBytes()) + " %";
    }

    private static String versions(Object runtimeJson, ObjectMapper json) {
        if (runtimeJson == null) {
            return "";
        }
        try {
            var node = json.readTree(runtimeJson.toString());
            return "weir " + esc(node.path("weir").asText()) + ", " + esc(node.path("framework").asText());
        } catch (Exception e) {
            return esc(runtimeJson);
        }
    }

    /** A number as the gateway said people read it: 229.8 V, 87 (a count), 4.637 m; as stored when it did not say. */
    static String number(Object value, Object decimals) {
        if (value instanceof Number n && decimals instanceof Number d && Double.isFinite(n.doubleValue())) {
            return java.math.BigDecimal.valueOf(n.doubleValue()).setScale(d.intValue(), java.math.RoundingMode.HALF_UP)
                    .toPlainString();
        }
        return String.valueOf(value);
    }

    private static String time(Object millis) {
        return millis instanceof Number n ? Instant.ofEpochMilli(n.longValue()).toString() : "";
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        return value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
