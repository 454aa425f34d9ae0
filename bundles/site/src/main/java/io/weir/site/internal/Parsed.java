package io.weir.site.internal;

import java.util.List;
import java.util.Optional;

/**
 * What reading a file gave: the value when the file is good, otherwise every problem found in it.
 *
 * @param value    present exactly when {@code problems} is empty
 * @param problems all problems, in file order
 */
public record Parsed<T>(Optional<T> value, List<Problem> problems) {

    public Parsed {
        problems = List.copyOf(problems);
        if (value.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a parse result has a value or problems, not both or neither");
        }
    }

    static <T> Parsed<T> of(T value) {
        return new Parsed<>(Optional.of(value), List.of());
    }

    static <T> Parsed<T> failed(List<Problem> problems) {
        return new Parsed<>(Optional.empty(), problems);
    }

    public boolean ok() {
        return value.isPresent();
    }
}
