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

/** {@code /api/v1/cases}: POST opens a case, GET lists them newest first. Every request must be signed. */
final class CasesApi implements HttpHandler {

    static final String PATH = "/api/v1/cases";

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
