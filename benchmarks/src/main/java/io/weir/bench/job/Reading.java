package io.weir.bench.job;

/**
 * One reading as a subscriber received it.
 *
 * @param meter       the meter's index ({@link Job#meterIndex})
 * @param takenMillis when it was read from the meter, as far as the message tells
 * @param good        it carries a value (a BAD reading says the meter did not answer)
 */
public record Reading(int meter, long takenMillis, boolean good) {
}
