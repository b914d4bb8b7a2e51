package dev.gossip.spi;

import dev.gossip.MembershipConfig;

/**
 * Creates {@link Membership} state machines; found by {@link java.util.ServiceLoader} like
 * {@link TransportProvider} (register in {@code META-INF/services/dev.gossip.spi.MembershipProvider}
 * and {@code module-info}).
 */
public interface MembershipProvider {

    /** @return a short, stable, unique name, such as {@code scamp} */
    String name();

    /**
     * Creates the membership state machine of one node.
     *
     * @param config protocol settings
     * @param context the node's id, time, randomness and outputs
     * @return a new membership, not yet joined
     */
    Membership create(MembershipConfig config, MembershipContext context);
}
