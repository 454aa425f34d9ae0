package io.weir.simulator.county;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code /api/v1/cases}: POST opens a case, GET lists them newest first; POST to {@code /api/v1/cases/{caseId}/updates},
 * {@code /notes} or {@code /close-requests} follows a case up. Every request must be signed.
 */
final class CasesApi implements HttpHandler {

    static final String PATH = "/api/v1/cases";
    /** {@code /api/v1/cases/{caseId}/updates|notes|close-requests}. */
    static final java.util.regex.Pattern FOLLOW_UP =
            java.util.regex.Pattern.compile("/api/v1/cases/([A-Za-z0-9._-]+)/(updates|notes|close-requests)");

    private static final Logger LOG = LoggerFactory.getLogger(CasesApi.class);

    private final RequestSignatureVerifier verifier;
    private final CaseReportParser parser;
    private final CaseRegistry registry;
    private final CaseJson caseJson;
    private final HttpReplies replies;
    private final AtomicBoolean available;
    private final AtomicInteger rejected;

    CasesApi(RequestSignatureVerifier verifier, CaseReportParser parser, CaseRegistry registry, CaseJson caseJson,
            HttpReplies replies, AtomicBoolean available, AtomicInteger rejected) {
        this.verifier = verifier;
        this.parser = parser;
        this.registry = registry;
        this.caseJson = caseJson;
        this.replies = replies;
        this.available = available;
        this.rejected = rejected;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpReplies.body(exchange);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!available.get()) {
                exchange.getResponseHeaders().set("Retry-After", "5");
                replies.error(exchange, 503, "unavailable", "the case platform is temporarily unavailable");
                return;
            }
            java.util.regex.Matcher followUp = FOLLOW_UP.matcher(path);
            if (followUp.matches()) {
                if (!method.equals("POST")) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    reject(exchange, new Rejection(405, "method-not-allowed", method + " is not allowed on " + path,
                            null));
                    return;
                }
                try {
                    verifier.verify(method, path, exchange.getRequestHeaders()::getFirst, body);
                    follow(exchange, followUp.group(1), followUp.group(2), body);
                } catch (Rejection rejection) {
                    reject(exchange, rejection);
                }
                return;
            }
            if (!PATH.equals(path)) {
                reject(exchange, new Rejection(404, "not-found", "no resource at " + path, null));
                return;
            }
            if (!method.equals("POST") && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                reject(exchange, new Rejection(405, "method-not-allowed", method + " is not allowed on " + PATH, null));
                return;
            }
            try {
                verifier.verify(method, path, exchange.getRequestHeaders()::getFirst, body);
                if (method.equals("POST")) {
                    open(exchange, parser.parse(body));
                } else {
                    replies.json(exchange, 200, caseJson.list(newestFirst(registry.snapshot())));
                }
            } catch (Rejection rejection) {
                reject(exchange, rejection);
            }
        }
    }

    /** An update, note or close request on an opened case; each idempotent per key. */
    private void follow(HttpExchange exchange, String caseId, String action, byte[] body)
            throws IOException, Rejection {
        com.fasterxml.jackson.databind.JsonNode root = parser.readObject(body);
        CaseReportParser.checkVersion(root);
        String key = CaseReportParser.text(root, "idempotencyKey");
        CaseRegistry.Applied applied;
        switch (action) {
            case "updates" -> {
                String title = CaseReportParser.text(root, "title");
                String description = CaseReportParser.text(root, "description");
                String urgency = CaseReportParser.matching(root, "urgency", CaseReportParser.CODE,
                        "an upper-case code such as URGENT");
                CaseReportParser.instant(root, "updatedAt");
                applied = registry.follow(caseId, CaseActivity.UPDATE, key, description,
                        c -> c.withUpdate(title, description, urgency));
            }
            case "notes" -> {
                String note = CaseReportParser.text(root, "note");
                CaseReportParser.instant(root, "notedAt");
                applied = registry.follow(caseId, CaseActivity.NOTE, key, note, null);
            }
            default -> {
                String reason = CaseReportParser.text(root, "reason");
                CaseReportParser.instant(root, "requestedAt");
                // The simulator's checker agrees at once: the case is checked and closed.
                applied = registry.follow(caseId, CaseActivity.CLOSE_REQUEST, key, reason,
                        c -> c.withStatus(CountyCase.CLOSED));
            }
        }
        if (applied == null) {
            throw new Rejection(404, "unknown-case", "no case " + caseId, null);
        }
        LOG.info("case {}: {} {} ({})", caseId, action, applied.applied() ? "applied" : "already applied", key);
        com.fasterxml.jackson.databind.node.ObjectNode answer = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        answer.put("caseId", caseId);
        answer.put("status", applied.countyCase().status());
        answer.put("applied", applied.applied());
        replies.json(exchange, 200, answer);
    }

    private void open(HttpExchange exchange, CaseReport report) throws IOException {
        CaseRegistry.Opened opened = registry.open(report);
        CountyCase countyCase = opened.countyCase();
        if (opened.created()) {
            LOG.info("case {} opened for {}: {}", countyCase.caseId(), countyCase.idempotencyKey(), countyCase.title());
        } else {
            LOG.info("case {} already open for {}", countyCase.caseId(), countyCase.idempotencyKey());
        }
        replies.json(exchange, opened.created() ? 201 : 200, caseJson.opened(opened));
    }

    private void reject(HttpExchange exchange, Rejection rejection) throws IOException {
        rejected.incrementAndGet();
        LOG.warn("{} {} refused with {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                rejection.status(), rejection.error(), rejection.detail());
        replies.rejection(exchange, rejection);
    }

    static List<CountyCase> newestFirst(List<CountyCase> oldestFirst) {
        List<CountyCase> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }
}
