package dev.gossip;

import java.util.Objects;

/**
 * The identity of a node in the cluster: the address other nodes reach it at (its advertised
 * address). Two nodes are the same member exactly when their addresses are equal. Immutable and
 * thread-safe.
 *
 * @param address the advertised address, never {@code null}
 */
public record NodeId(Address address) {

    /**
     * Validates the address.
     *
     * @param address see {@link #address()}
     * @throws NullPointerException if {@code address} is {@code null}
     */
    public NodeId {
        Objects.requireNonNull(address, "address");
    }

    /**
     * Shorthand for {@code new NodeId(Address.parse(text))}.
     *
     * @param text see {@link Address#parse(String)}
     * @return the node id
     */
    public static NodeId parse(String text) {
        return new NodeId(Address.parse(text));
    }

    /** @return the address text, such as {@code 127.0.0.1:7946} */
    @Override
    public String toString() {
        return address.toString();
    }
}
