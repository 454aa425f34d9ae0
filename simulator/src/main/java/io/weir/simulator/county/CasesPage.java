package io.weir.simulator.county;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /}: the cases as a page for people watching the demo, newest first, refreshing itself every five
 * seconds. Not signed: it is the platform operator's screen, not the API.
 */
final class CasesPage implements HttpHandler {

    private static final Map<String, String> LABELS = Map.of(
            "EVENT", "事件",
            "COMPONENT", "部件",
            "URGENT", "紧急",
            "NORMAL", "一般",
            CountyCase.REGISTERED, "已立案");

    private final CaseRegistry registry;
    private final AtomicBoolean available;
    private final Clock clock;
    private final DateTimeFormatter time;

    CasesPage(CaseRegistry registry, AtomicBoolean available, Clock clock) {
        this.registry = registry;
        this.available = available;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(clock.getZone());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpReplies.body(exchange);
            if (!exchange.getRequestURI().getPath().equals("/")) {
                HttpReplies.html(exchange, 404, "<!DOCTYPE html><title>404</title><p>Not found. Cases are at <a href=\"/\">/</a>.");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                HttpReplies.html(exchange, 405, "<!DOCTYPE html><title>405</title><p>Only GET.");
                return;
            }
            HttpReplies.html(exchange, 200, render(CasesApi.newestFirst(registry.snapshot())));
        }
    }

    String render(List<CountyCase> newestFirst) {
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="refresh" content="5">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>城市运行管理服务平台 · County case platform</title>
                <style>
                  body { margin: 0; background: #f3f5f7; color: #1f2933;
                         font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
                  header { background: #0b3d5c; color: #fff; padding: 14px 24px; }
                  header h1 { margin: 0; font-size: 20px; font-weight: 600; }
                  header p { margin: 4px 0 0; font-size: 13px; opacity: .8; }
                  .down { background: #9b1c1c; color: #fff; padding: 8px 24px; font-weight: 600; }
                  main { padding: 16px 24px; }
                  .summary { margin: 0 0 12px; color: #52606d; font-size: 14px; }
                  table { width: 100%; border-collapse: collapse; background: #fff;
                          box-shadow: 0 1px 3px rgba(0,0,0,.08); }
                  th { text-align: left; vertical-align: bottom; background: #e4e7eb; color: #323f4b;
                       font-size: 13px; padding: 8px 10px; white-space: nowrap; }
                  th small { display: block; font-weight: normal; color: #616e7c; }
                  td { border-top: 1px solid #e4e7eb; padding: 8px 10px; font-size: 14px; vertical-align: top; }
                  tr:first-child td { background: #fffbea; }
                  td small { display: block; color: #616e7c; font-size: 12px; margin-top: 2px; }
                  .id { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; white-space: nowrap; }
                  .nowrap { white-space: nowrap; }
                  .badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 12px;
                           font-weight: 600; white-space: nowrap; background: #e4e7eb; color: #323f4b; }
                  .urgency-URGENT { background: #fde8e8; color: #9b1c1c; }
                  .status-REGISTERED { background: #e3f8ff; color: #0b69a3; }
                  .empty { padding: 48px; text-align: center; color: #7b8794; background: #fff; }
                </style>
                </head>
                <body>
                <header>
                <h1>城市运行管理服务平台 · 案件列表 <small>County case platform &middot; cases</small></h1>
                <p>模拟器 Simulator &middot; 每 5 秒刷新 refreshes every 5 s &middot; 时区 time zone\s""")
                .append(escape(clock.getZone().getId()))
                .append(" &middot; 更新于 updated ").append(escape(time.format(clock.instant()))).append("</p>\n</header>\n");
        if (!available.get()) {
            html.append("<div class=\"down\">平台暂停服务 &middot; The platform is answering 503 Service Unavailable</div>\n");
        }
        html.append("<main>\n<p class=\"summary\">共 ").append(newestFirst.size()).append(" 件案件 &middot; ")
                .append(newestFirst.size()).append(newestFirst.size() == 1 ? " case" : " cases")
                .append(", newest first</p>\n");
        if (newestFirst.isEmpty()) {
            html.append("<div class=\"empty\">暂无案件 &middot; No cases yet</div>\n");
        } else {
            table(html, newestFirst);
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private void table(StringBuilder html, List<CountyCase> cases) {
        html.append("<table>\n<thead><tr>")
                .append(header("案件编号", "Case ID"))
                .append(header("接收时间", "Received"))
                .append(header("标题 / 描述", "Title / description"))
                .append(header("类别", "Type / class"))
                .append(header("紧急程度", "Urgency"))
                .append(header("位置", "Location"))
                .append(header("责任部门", "Department"))
                .append(header("处置时限", "Time limit"))
                .append(header("状态", "Status"))
                .append("</tr></thead>\n<tbody>\n");
        for (CountyCase c : cases) {
            html.append("<tr>")
                    .append("<td class=\"id\">").append(escape(c.caseId()))
                    .append("<small>").append(escape(c.idempotencyKey())).append("</small></td>")
                    .append("<td class=\"nowrap\">").append(escape(format(c.receivedAt())))
                    .append("<small>上报 reported ").append(escape(format(c.reportedAt()))).append("</small></td>")
                    .append("<td>").append(escape(c.title()))
                    .append("<small>").append(escape(c.description())).append("</small></td>")
                    .append("<td class=\"nowrap\">").append(escape(labelled(c.caseType())))
                    .append("<small>").append(escape(c.largeClass())).append(" / ").append(escape(c.smallClass()))
                    .append("</small></td>")
                    .append("<td>").append(badge("urgency", c.urgency())).append("</td>")
                    .append("<td>").append(escape(c.address()))
                    .append("<small>").append(String.format(Locale.ROOT, "%.4f, %.4f", c.latitude(), c.longitude()))
                    .append("</small></td>")
                    .append("<td>").append(escape(c.department())).append("</td>")
                    .append("<td class=\"nowrap\">").append(c.timeLimitHours()).append(" h</td>")
                    .append("<td>").append(badge("status", c.status())).append("</td>")
                    .append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String header(String chinese, String english) {
        return "<th>" + chinese + "<small>" + english + "</small></th>";
    }

    private static String badge(String kind, String code) {
        // The code becomes part of a class name, so only letters and underscores of it are kept.
        String cssCode = code.replaceAll("[^A-Za-z_]", "");
        return "<span class=\"badge " + kind + "-" + cssCode + "\">" + escape(labelled(code)) + "</span>";
    }

    private static String labelled(String code) {
        String chinese = LABELS.get(code);
        return chinese == null ? code : chinese + " " + code;
    }

    private String format(Instant instant) {
        return time.format(instant);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
