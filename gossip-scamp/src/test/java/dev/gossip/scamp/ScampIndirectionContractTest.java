package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.testkit.MembershipContract;
import java.util.Set;

/** SCAMP with indirection: every first subscription walks to its contact. */
class ScampIndirectionContractTest extends MembershipContract {

    @Override
    protected MembershipProvider provider() {
        return new ScampMembershipProvider();
    }

    @Override
    protected Set<Integer> messageTypes() {
        return ScampMessageTypes.ALL;
    }

    @Override
    protected MembershipConfig config() {
        return MembershipConfig.builder().indirectionWalk(1).build();
    }
}
