package dev.gossip.scamp;

import static dev.gossip.scamp.Nodes.message;
import static dev.gossip.scamp.ScampMessageTypes.FORWARDED_SUBSCRIPTION;
import static dev.gossip.scamp.ScampMessageTypes.HEARTBEAT;
import static dev.gossip.scamp.ScampMessageTypes.IN_VIEW_ADD;
import static dev.gossip.scamp.ScampMessageTypes.KEPT;
import static dev.gossip.scamp.ScampMessageTypes.SUBSCRIBE;
import static dev.gossip.scamp.ScampMessageTypes.UNSUBSCRIBE_REMOVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.scamp.RecordingContext.Sent;
import dev.gossip.spi.MembershipProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Rejections, heartbeats, the state after leaving, counters and discovery. */
class MessageHandlingTest {

    private static final NodeId A = RecordingContext.node("a");
    private static final NodeId B = RecordingContext.node("b");

    @Test
    void nonsenseIsRejectedAndCounted() {
        RecordingContext context = new RecordingContext("n", 1);
        NodeId self = context.self();
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(A), List.of(B));
        assertThat(node.onMessage(message(HEARTBEAT, self, null, 0)))
                .as("from itself")
                .isFalse();
        assertThat(node.onMessage(message(0, A, null, 0))).as("type 0").isFalse();
        assertThat(node.onMessage(message(200, A, null, 0))).as("type 200").isFalse();
        assertThat(node.onMessage(message(SUBSCRIBE, A, B, 0)))
                .as("subscribing someone else")
                .isFalse();
        assertThat(node.onMessage(message(SUBSCRIBE, A, null, 0)))
                .as("subscription without subject")
                .isFalse();
        assertThat(node.onMessage(message(FORWARDED_SUBSCRIPTION, A, null, 0)))
                .as("copy without subject")
                .isFalse();
        assertThat(node.onMessage(message(KEPT, A, B, 0)))
                .as("kept for someone else")
                .isFalse();
        assertThat(node.onMessage(null)).isFalse();
        assertThat(node.counters()).containsEntry("rejected", 8L);
        assertThat(node.partialView()).containsExactly(A);
        assertThat(node.inView()).containsExactly(B);
        assertThat(context.sent).isEmpty();
    }

    @Test
    void heartbeatFromANodeMissingFromTheInViewRepairsIt() {
        RecordingContext context = new RecordingContext("n", 1);
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(A), List.of(B));
        assertThat(node.onMessage(message(HEARTBEAT, B, null, 0))).isTrue();
        assertThat(node.onMessage(message(HEARTBEAT, A, null, 0))).isTrue();
        assertThat(node.inView()).containsExactlyInAnyOrder(A, B);
        assertThat(node.counters()).containsEntry("heartbeatsReceived", 2L).containsEntry("inViewRepairs", 1L);
    }

    @Test
    void heartbeatsGoToEveryPartialViewMemberEachInterval() {
        MembershipConfig config = MembershipConfig.defaults();
        RecordingContext context = new RecordingContext("n", 1);
        List<NodeId> partial = Nodes.named("j", 3);
        ScampMembership node = Nodes.withViews(context, config, partial, List.of(B));
        long step = config.heartbeatInterval().toNanos() / 4;
        for (int i = 0; i < 8; i++) {
            context.now += step;
            node.onMessage(message(HEARTBEAT, B, null, 0));
            node.onTick();
        }
        assertThat(context.sent(HEARTBEAT))
                .hasSize(2 * partial.size())
                .extracting(Sent::to)
                .containsOnlyElementsOf(partial);
        assertThat(node.counters()).containsEntry("heartbeatsSent", 6L).containsEntry("resubscriptions", 0L);
    }

    @Test
    void afterLeavingEverythingIsRejectedAndHoldersAreAskedToLetGo() {
        RecordingContext context = new RecordingContext("n", 1);
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(A), List.of(B));
        node.leave();
        context.sent.clear();
        assertThat(node.onMessage(message(HEARTBEAT, B, null, 0))).isFalse();
        assertThat(node.onMessage(message(KEPT, A, context.self(), 0))).isFalse();
        assertThat(node.onMessage(message(IN_VIEW_ADD, A, null, 0))).isFalse();
        assertThat(node.onMessage(message(SUBSCRIBE, A, A, 0))).isFalse();
        assertThat(node.onMessage(message(FORWARDED_SUBSCRIPTION, A, B, 0))).isFalse();
        assertThat(context.sent).extracting(Sent::type).containsOnly(UNSUBSCRIBE_REMOVE);
        assertThat(context.sent).extracting(Sent::to).containsExactly(B, A, A, A);
        assertThat(node.partialView()).isEmpty();
        assertThat(node.inView()).isEmpty();
        for (int i = 0; i < 100; i++) {
            context.now += 1_000_000_000L;
            node.onTick();
        }
        assertThat(context.sent).hasSize(4);

        node.join(A);
        assertThat(node.partialView()).containsExactly(A);
        assertThat(node.onMessage(message(KEPT, B, context.self(), 0))).isTrue();
        assertThat(node.isJoined()).isTrue();
    }

    @Test
    void countersAreNamedAsDocumented() {
        ScampMembership node = new ScampMembership(MembershipConfig.defaults(), new RecordingContext("n", 1));
        assertThat(node.counters())
                .containsKeys(
                        "subscriptionsReceived",
                        "subscriptionsKept",
                        "forwardedSubscriptions",
                        "forwardedDropped",
                        "heartbeatsSent",
                        "resubscriptions",
                        "unsubscriptions",
                        "rejected")
                .allSatisfy((name, value) -> assertThat(value).isZero());
    }

    @Test
    void serviceLoaderFindsTheProviderByName() {
        List<MembershipProvider> providers = ServiceLoader.load(MembershipProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertThat(providers).extracting(MembershipProvider::name).contains("scamp");
        MembershipProvider scamp = providers.stream()
                .filter(p -> p.name().equals("scamp"))
                .findFirst()
                .orElseThrow();
        assertThat(scamp.create(MembershipConfig.defaults(), new RecordingContext("n", 1)))
                .isInstanceOf(ScampMembership.class);
    }
}
