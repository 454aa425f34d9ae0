package io.weir.cloud;

import java.util.List;

/**
 * A case mapping file that cannot be used. The message lists every problem found, each as
 * {@code file:line: field: problem}, so an operator fixes them all in one go.
 */
public final class CaseMappingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public CaseMappingException(String file, List<String> problems) {
        super("case mapping " + file + " is not valid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file:line: field: problem}. */
    public List<String> problems() {
        return problems;
    }
}
