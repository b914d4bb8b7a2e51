package dev.gossip.scamp;

import static dev.gossip.scamp.Nodes.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import org.junit.jupiter.api.Test;

/**
 * Forged messages from many made-up senders cannot grow a node's views past {@link
 * Views#MAX_VIEW_SIZE}: heartbeats add their sender to the InView, forwarded copies their subject
 * to the PV, and both stop at the cap (the copies are forwarded on instead).
 */
class ViewCapTest {

    @Test
    void heartbeatsFromDistinctSendersStopAtTheCap() {
        RecordingContext context = new RecordingContext("target", 7);
        ScampMembership node = new ScampMembership(MembershipConfig.defaults(), context);
        for (int i = 0; i < Views.MAX_VIEW_SIZE * 3; i++) {
            node.onMessage(message(ScampMessageTypes.HEARTBEAT, RecordingContext.node("forged-" + i), null, 0));
        }
        assertThat(node.inView()).hasSize(Views.MAX_VIEW_SIZE);
    }

    @Test
    void forwardedSubscriptionsForDistinctSubjectsStopAtTheCap() {
        RecordingContext context = new RecordingContext("target", 8);
        // forwardHopFactor 1 with a late hop count makes every copy keepable at once, the worst case.
        ScampMembership node = new ScampMembership(
                MembershipConfig.builder().forwardHopFactor(1).build(), context);
        NodeId sender = RecordingContext.node("sender");
        for (int i = 0; i < Views.MAX_VIEW_SIZE + 500; i++) {
            node.onMessage(message(
                    ScampMessageTypes.FORWARDED_SUBSCRIPTION, sender, RecordingContext.node("subject-" + i), 60_000));
        }
        assertThat(node.partialView()).hasSize(Views.MAX_VIEW_SIZE);
    }
}
