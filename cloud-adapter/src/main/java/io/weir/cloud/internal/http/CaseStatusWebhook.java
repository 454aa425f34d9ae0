package io.weir.cloud.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.weir.cloud.internal.commands.CommandSender;
import io.weir.cloud.internal.store.CaseStatusTable;
import io.weir.cloud.internal.store.Transactor;
import io.weir.cloud.sign.SignatureVerifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The county platform's signed case-status webhook. The signature headers (app key, timestamp window, nonce) are
 * checked first, then at most {@value #MAX_BODY} bytes of body are read, then the signature over them, then the nonce
 * is recorded in the database (a replay is refused by every instance, also after a restart); only then is the body
 * parsed. Each status is sent to the gateway as an alarm acknowledgement that expires after the configured time.
 */
public final class CaseStatusWebhook {
    public static final String PATH = "/webhooks/county/case-status";
    /** A status report is a few hundred bytes. */
    static final int MAX_BODY = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CaseStatusWebhook.class);
    private static final Set<String> STATUSES = Set.of("REGISTERED", "DISPATCHED", "HANDLED", "CLOSED");

    private final Transactor transactor;
    private final CaseStatusTable statuses;
    private final SignatureVerifier verifier;
    private final CommandSender acks;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration ackTtl;
    private final AtomicLong rejected = new AtomicLong();
    private final LogThrottle refusals;

    public CaseStatusWebhook(Transactor transactor, CaseStatusTable statuses, SignatureVerifier verifier,
                             CommandSender acks, ObjectMapper json, Clock clock, Duration ackTtl) {
        this.transactor = transactor;
        this.statuses = statuses;
        this.verifier = verifier;
        this.acks = acks;
        this.json = json;
        this.clock = clock;
        this.ackTtl = ackTtl;
        this.refusals = new LogThrottle(20, Duration.ofMinutes(1), clock);
    }

    /** Webhook calls refused (bad signature, replay, too large, bad body, unknown case). */
    public long rejected() {
        return rejected.get();
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, error("method-not-allowed", "POST only"));
                return;
            }
            String problem = verifier.headerProblem(exchange.getRequestHeaders()::getFirst);
            if (problem != null) {
                refuse(exchange, 401, "bad-signature", problem);
                return;
            }
            byte[] body;
            try {
                body = BoundedBody.read(exchange, MAX_BODY);
            } catch (BoundedBody.TooLarge e) {
                refuse(exchange, 413, "too-large", e.getMessage());
                return;
            }
            problem = verifier.problem("POST", exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders()::getFirst, body);
            if (problem != null) {
                refuse(exchange, 401, "bad-signature", problem);
                return;
            }
            JsonNode event;
            try {
                event = json.readTree(body);
            } catch (IOException e) {
                refuse(exchange, 400, "malformed-body", "not JSON: " + e.getMessage());
                return;
            }
            if (event == null || event.path("v").asInt() != 1) {
                refuse(exchange, 400, "bad-field", "v must be 1");
                return;
            }
            String caseId = event.path("caseId").asText("");
            String status = event.path("status").asText("");
            if (caseId.isEmpty() || caseId.length() > 64 || !STATUSES.contains(status)) {
                refuse(exchange, 400, "bad-field", "caseId and a status of " + STATUSES + " are required");
                return;
            }
            String key = event.path("idempotencyKey").asText("");
            accept(exchange, caseId, key.isEmpty() || key.length() > 255 ? null : key, status);
        }
    }

    private void accept(HttpExchange exchange, String caseId, String idempotencyKey, String status)
            throws IOException {
        CaseStatusTable.Recorded recorded = transactor.write(c -> statuses.record(c, caseId, idempotencyKey, status,
                clock.instant()));
        if (recorded == null) {
            refuse(exchange, 404, "unknown-case", "no case " + caseId + " was opened by this adapter");
            return;
        }
        if (recorded.ackPending()) {
            try {
                acks.send(recorded.gatewayId(), "alarm-ack", ack(recorded, caseId, status), ackTtl);
            } catch (Exception e) {
                LOG.warn("Alarm acknowledgement for case {} {} not published: {}; asking the platform to retry",
                        caseId, status, e.toString());
                reply(exchange, 503, error("unavailable", "the gateway command could not be published"));
                return;
            }
            transactor.write(c -> {
                statuses.ackPublished(c, caseId, status);
                return null;
            });
            LOG.info("Case {} of alarm {} is {}: acknowledgement sent to {}", caseId, recorded.alarmId(), status,
                    recorded.gatewayId());
        }
        reply(exchange, 200, Map.of("accepted", true));
    }

    private byte[] ack(CaseStatusTable.Recorded recorded, String caseId, String status) throws IOException {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("v", 1);
        ack.put("requestId", caseId + ":" + status);
        ack.put("alarmId", recorded.alarmId());
        ack.put("caseId", caseId);
        ack.put("status", status);
        ack.put("ts", clock.instant().toString());
        return json.writeValueAsBytes(ack);
    }

    private void refuse(HttpExchange exchange, int status, String error, String detail) throws IOException {
        rejected.incrementAndGet();
        long left = refusals.admit();
        if (left >= 0) {
            LOG.warn("Webhook from {} refused with {} {}: {}{}", exchange.getRemoteAddress(), status, error, detail,
                    left == 0 ? "" : " (" + left + " more refusals not logged)");
        }
        reply(exchange, status, error(error, detail));
    }

    private static Map<String, Object> error(String error, String detail) {
        return JsonReply.error(error, detail);
    }

    private void reply(HttpExchange exchange, int status, Object body) throws IOException {
        JsonReply.send(exchange, json, status, body);
    }
}
