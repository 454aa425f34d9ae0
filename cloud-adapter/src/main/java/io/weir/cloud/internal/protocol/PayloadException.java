package io.weir.cloud.internal.protocol;

/** A message that breaks the wire contract: names the field at fault and what is wrong with it. */
public final class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public PayloadException(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
        this.problem = problem;
    }

    /** The JSON path of the offending field ("readings[1].quality"), "$" for the payload, "topic" for the topic. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
