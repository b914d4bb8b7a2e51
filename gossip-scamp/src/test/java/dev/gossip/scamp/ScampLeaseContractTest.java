package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.testkit.MembershipContract;
import java.time.Duration;
import java.util.Set;

/** SCAMP with leases of 10 s (two renewals a node within the contract's timer scenario). */
class ScampLeaseContractTest extends MembershipContract {

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
        return MembershipConfig.builder().lease(Duration.ofSeconds(10)).build();
    }
}
