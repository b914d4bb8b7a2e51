package dev.gossip.scamp;

import dev.gossip.spi.MembershipProvider;
import dev.gossip.testkit.MembershipContract;
import java.util.Set;

/** SCAMP against the membership contract every provider passes. */
class ScampMembershipContractTest extends MembershipContract {

    @Override
    protected MembershipProvider provider() {
        return new ScampMembershipProvider();
    }

    @Override
    protected Set<Integer> messageTypes() {
        return ScampMessageTypes.ALL;
    }
}
