package io.weir.site.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The answer of site-validate and site-apply, as JSON. */
final class SiteCheckResult {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteCheckResult() {
    }

    /**
     * {@code {"valid":false,"file":"/etc/weir/site.yaml","problems":[{"file":"site.yaml","line":33,"field":..,
     * "message":..,"text":"site.yaml:33: field: message"}],...}} plus {@code extra} (e.g. {@code applied}).
     */
    static String json(SiteFileCheck.Outcome outcome, Map<String, Object> extra) throws JsonProcessingException {
        var result = new LinkedHashMap<String, Object>();
        result.put("valid", outcome.valid());
        result.putAll(extra);
        result.put("file", outcome.file().toString());
        List<Map<String, Object>> problems = outcome.problems().stream().map(p -> {
            var problem = new LinkedHashMap<String, Object>();
            problem.put("file", p.file());
            problem.put("line", p.line());
            problem.put("field", p.field());
            problem.put("message", p.message());
            problem.put("text", p.toString());
            return (Map<String, Object>) problem;
        }).toList();
        result.put("problems", problems);
        result.putAll(outcome.summary());
        return JSON.writeValueAsString(result);
    }

    /** The text argument every site command needs. */
    static String text(Map<String, String> args) {
        String text = args.get("text");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("argument 'text' is missing: the site file's content");
        }
        return text;
    }
}
