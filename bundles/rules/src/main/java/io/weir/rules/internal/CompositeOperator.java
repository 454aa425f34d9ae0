package io.weir.rules.internal;

/**
 * How a composite combines its operands' levels. Public only because the configuration type returns it and
 * Declarative Services reads that type through a proxy; the package is not exported.
 */
public enum CompositeOperator {
    /** Every operand at the level: the lowest of their levels. */
    AND,
    /** Any operand at the level: the highest of their levels. */
    OR
}
