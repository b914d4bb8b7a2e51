package dev.gossip.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Argument checks of the config records; messages name the field and the bad value. */
final class Check {

    private Check() {}

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    static double fraction(String field, double value, double maxExclusive) {
        if (!(value >= 0 && value < maxExclusive)) {
            throw new IllegalArgumentException(field + " must be in [0, " + maxExclusive + "), was " + value);
        }
        return value;
    }

    static Duration positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    static List<Integer> ints(String field, List<Integer> values, int min, int max) {
        Objects.requireNonNull(values, field);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        for (Integer v : values) {
            if (v == null || v < min || v > max) {
                throw new IllegalArgumentException(field + " must hold numbers in " + min + ".." + max + ", held " + v);
            }
        }
        return List.copyOf(values);
    }
}
