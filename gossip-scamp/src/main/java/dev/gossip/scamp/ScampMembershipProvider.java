package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipProvider;

/**
 * Creates {@link ScampMembership}s; registered for {@link java.util.ServiceLoader} under the name
 * {@value #NAME} (in {@code module-info} and {@code META-INF/services}). Stateless and thread-safe.
 */
public final class ScampMembershipProvider implements MembershipProvider {

    /** This provider's {@link #name()}. */
    public static final String NAME = "scamp";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ScampMembershipProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Membership create(MembershipConfig config, MembershipContext context) {
        return new ScampMembership(config, context);
    }
}
