package dev.gossip.cli;

import dev.gossip.Address;
import dev.gossip.IpAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code HOST:PORT} or {@code [IPv6]:PORT} as an {@link IpAddress}. */
final class AddressConverter implements ITypeConverter<Address> {

    @Override
    public Address convert(String value) {
        try {
            return IpAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
