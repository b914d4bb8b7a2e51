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
        return Set.of(ScampMessageTypes.SUBSCRIBE, ScampMessageTypes.FORWARDED_SUBSCRIPTION,
                ScampMessageTypes.KEPT, ScampMessageTypes.HEARTBEAT,
                ScampMessageTypes.UNSUBSCRIBE_REPLACE, ScampMessageTypes.UNSUBSCRIBE_REMOVE,
                ScampMessageTypes.IN_VIEW_ADD, ScampMessageTypes.IN_VIEW_REMOVE);
    }
}
