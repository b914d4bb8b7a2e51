package dev.gossip.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 0} (off) or a positive duration as {@link DurationConverter} does. */
final class ZeroOrDurationConverter implements ITypeConverter<Duration> {

    private final DurationConverter positive = new DurationConverter();

    @Override
    public Duration convert(String value) {
        String text = value.strip();
        if (text.matches("0+(ms|s|m|h)?") || text.equalsIgnoreCase("PT0S")) {
            return Duration.ZERO;
        }
        try {
            return positive.convert(value);
        } catch (TypeConversionException e) {
            throw new TypeConversionException(
                    "expected 0 (off) or a positive duration such as 500ms, 30s or 2m, got '" + value + "'");
        }
    }
}
