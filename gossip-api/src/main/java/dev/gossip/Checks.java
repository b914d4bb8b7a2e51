package dev.gossip;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the config records; messages name the field and the value. */
final class Checks {

    private Checks() {}

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", was " + value);
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
}
