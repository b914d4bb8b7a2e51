package dev.gossip.cli;

import dev.gossip.DisseminationConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code flood} or {@code tree} (any case) into a dissemination mode; a usage error otherwise. */
final class DisseminationConverter implements ITypeConverter<DisseminationConfig.Mode> {

    @Override
    public DisseminationConfig.Mode convert(String value) {
        try {
            return DisseminationConfig.Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("must be flood or tree, was '" + value + "'");
        }
    }
}
