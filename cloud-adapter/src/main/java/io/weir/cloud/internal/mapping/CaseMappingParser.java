package io.weir.cloud.internal.mapping;

import io.weir.cloud.CaseClass;
import io.weir.cloud.CaseMapping;
import io.weir.cloud.CaseMappingException;
import io.weir.cloud.CaseRule;
import java.io.Reader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the operators' case mapping file (docs/configuration.md "Case mapping"). Fields left out keep the values of
 * the mapping it starts from (the built-in defaults, or the command line's); a rule's case-class fields left out
 * come from the {@code event} or {@code component} section of its case type.
 */
public final class CaseMappingParser {
    private static final Set<String> ROOT = Set.of("version", "closeOnClear", "event", "component", "rules");
    private static final Set<String> CLASS = Set.of("largeClass", "smallClass", "department", "timeLimitHours");
    private static final Set<String> RULE = new LinkedHashSet<>(List.of("rule", "levels", "case", "largeClass",
            "smallClass", "department", "timeLimitHours", "urgency", "closeOnClear"));
    private static final Set<String> LEVELS = new LinkedHashSet<>(List.of("BLUE", "YELLOW", "ORANGE", "RED",
            "FAULT"));
    private static final Pattern CODE = Pattern.compile("[0-9]{2,8}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._:-]{1,255}");
    private static final Pattern URGENCY = Pattern.compile("[A-Z][A-Z_]{0,31}");
    private static final Pattern CASE_TYPE = Pattern.compile("EVENT|COMPONENT");

    private CaseMappingParser() {
    }

    /**
     * @param file names the file in problems
     * @throws CaseMappingException listing every problem with its line and field
     */
    public static CaseMapping parse(String file, Reader in, CaseMapping base) {
        YamlFields.Problems problems = new YamlFields.Problems(file);
        CaseMapping mapping = read(in, base, problems);
        if (!problems.list().isEmpty()) {
            throw new CaseMappingException(file, problems.list());
        }
        return mapping;
    }

    private static CaseMapping read(Reader in, CaseMapping base, YamlFields.Problems problems) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(1024 * 1024);
            options.setMaxAliasesForCollections(20);
            root = new Yaml(new SafeConstructor(options)).compose(in);
        } catch (MarkedYAMLException e) {
            problems.add(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, "",
                    "not valid YAML: " + oneLine(e.getProblem()));
            return base;
        } catch (YAMLException e) {
            problems.add(0, "", "not valid YAML: " + oneLine(e.getMessage()));
            return base;
        }
        if (root == null) {
            problems.add(1, "", "the file is empty; write at least 'version: 1'");
            return base;
        }
        YamlFields fields = YamlFields.of(root, "", problems, ROOT);
        if (fields == null) {
            return base;
        }
        String version = fields.text("version", Pattern.compile("1"), "1 (the only version of this format)");
        if (version == null && !fields.has("version")) {
            problems.add(root, "version", "is missing; this adapter reads version 1");
        }
        Boolean close = fields.bool("closeOnClear");
        boolean closeOnClear = close != null ? close : base.requestCloseOnClear();
        CaseClass event = caseClass(fields, "event", "EVENT", base.event(), problems);
        CaseClass component = caseClass(fields, "component", "COMPONENT", base.component(), problems);
        CaseMapping mapping = new CaseMapping(event, component, base.rules(), closeOnClear);
        List<Node> rules = fields.list("rules");
        for (int i = 0; i < rules.size(); i++) {
            CaseRule rule = rule(rules.get(i), "rules[" + i + "]", event, component, problems);
            if (rule != null) {
                mapping = mapping.withRule(rule);
            }
        }
        return mapping;
    }

    private static CaseClass caseClass(YamlFields parent, String name, String caseType, CaseClass base,
                                       YamlFields.Problems problems) {
        if (!parent.has(name)) {
            return base;
        }
        YamlFields f = YamlFields.of(parent.raw(name), parent.field(name), problems, CLASS);
        CaseClass built = f == null ? null : build(f, caseType, base, problems);
        return built == null ? base : built; // on a problem, carry on with base to find the others
    }

    private static CaseRule rule(Node node, String path, CaseClass event, CaseClass component,
                                 YamlFields.Problems problems) {
        YamlFields f = YamlFields.of(node, path, problems, RULE);
        if (f == null) {
            return null;
        }
        String ruleId = f.text("rule", WORD, "an alarm rule id (letters, digits, . _ : -)");
        List<String> levels = f.texts("levels", LEVELS);
        if (!f.has("rule") && !f.has("levels")) {
            problems.add(node, path, "says neither 'rule' nor 'levels', so it would match every alarm; "
                    + "change the 'event' and 'component' sections for that");
        }
        String caseType = f.text("case", CASE_TYPE, "EVENT or COMPONENT");
        if (caseType == null) {
            caseType = levels != null && !levels.isEmpty() && levels.stream().allMatch("FAULT"::equals)
                    ? "COMPONENT" : "EVENT";
        }
        CaseClass caseClass = build(f, caseType, caseType.equals("EVENT") ? event : component, problems);
        String urgency = f.text("urgency", URGENCY, "an urgency in capitals (URGENT, NORMAL)");
        Boolean close = f.bool("closeOnClear");
        return caseClass == null ? null
                : new CaseRule(ruleId, levels == null ? Set.of() : Set.copyOf(levels), caseClass, urgency, close);
    }

    /** The case class of a section or rule: its fields over {@code base}'s; null with a problem when it breaks. */
    private static CaseClass build(YamlFields f, String caseType, CaseClass base, YamlFields.Problems problems) {
        String large = f.text("largeClass", CODE, "a class code of 2 to 8 digits (quote it: \"04\")");
        String small = f.text("smallClass", CODE, "a class code of 2 to 8 digits (quote it: \"0401\")");
        String department = f.text("department", WORD, "a department code (letters, digits, . _ : -)");
        Integer hours = f.positiveInt("timeLimitHours");
        String largeClass = large != null ? large : base.largeClass();
        String smallClass = small != null ? small : base.smallClass();
        if (!smallClass.startsWith(largeClass)) {
            Node at = f.has("smallClass") ? f.raw("smallClass") : f.has("largeClass") ? f.raw("largeClass") : f.node();
            problems.add(at, f.field("smallClass"), "'" + smallClass + "' is not in large class '" + largeClass
                    + "' (a small class starts with its large class)");
            return null;
        }
        return new CaseClass(caseType, largeClass, smallClass, department != null ? department : base.department(),
                hours != null ? hours : base.timeLimitHours());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
