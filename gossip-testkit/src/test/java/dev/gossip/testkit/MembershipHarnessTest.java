package dev.gossip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness and its checks, on a toy membership whose faults are chosen by the test. */
class MembershipHarnessTest {

    /** What the toy gets wrong. */
    enum Fault {
        NONE,
        FORGETS_IN_VIEW,
        SILENT_CHANGE,
        PING_PONG
    }

    /** join: contact into the PV and a notice (type 1) that makes the contact add us to its InView. */
    static final class Toy implements Membership {
        private final MembershipContext context;
        private final Fault fault;
        private final List<NodeId> partial = new ArrayList<>();
        private final List<NodeId> in = new ArrayList<>();

        Toy(MembershipContext context, Fault fault) {
            this.context = context;
            this.fault = fault;
        }

        @Override
        public void join(NodeId contact) {
            partial.add(contact);
            if (fault != Fault.SILENT_CHANGE) {
                context.viewChanged(new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.ADDED, contact));
            }
            context.send(contact, MembershipMessage.of(1, context.self()));
        }

        @Override
        public boolean onMessage(MembershipMessage message) {
            if (message.type() != 1) {
                return false;
            }
            if (fault == Fault.PING_PONG) {
                context.send(message.sender(), MembershipMessage.of(1, context.self()));
            }
            if (fault != Fault.FORGETS_IN_VIEW && !in.contains(message.sender())) {
                in.add(message.sender());
                context.viewChanged(new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.ADDED, message.sender()));
            }
            return true;
        }

        @Override
        public void onTick() {}

        @Override
        public void leave() {}

        @Override
        public List<NodeId> partialView() {
            return partial;
        }

        @Override
        public List<NodeId> inView() {
            return in;
        }

        @Override
        public boolean isJoined() {
            return !in.isEmpty();
        }

        @Override
        public double estimatedSize() {
            return 1;
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of("toys", 1L);
        }
    }

    private static MembershipHarness harness(Fault fault, long seed) {
        MembershipProvider provider = new MembershipProvider() {
            @Override
            public String name() {
                return "toy";
            }

            @Override
            public Membership create(MembershipConfig config, MembershipContext context) {
                return new Toy(context, fault);
            }
        };
        return new MembershipHarness(provider, MembershipConfig.defaults(), seed);
    }

    @Test
    void sameSeedSameRun() {
        List<List<NodeId>> first = new ArrayList<>();
        List<List<NodeId>> second = new ArrayList<>();
        for (List<List<NodeId>> views : List.of(first, second)) {
            MembershipHarness harness = harness(Fault.NONE, 99);
            for (int i = 0; i < 20; i++) {
                harness.addAndJoin();
            }
            for (NodeId id : harness.nodes()) {
                views.add(List.copyOf(harness.membership(id).partialView()));
            }
        }
        assertThat(first).isEqualTo(second);
    }

    @Test
    void aHealthyToyPassesTheStructuralChecks() {
        MembershipHarness harness = harness(Fault.NONE, 1);
        for (int i = 0; i < 10; i++) {
            harness.addAndJoin();
        }
        assertThat(harness.checks().all()).isEmpty();
        assertThat(harness.counterSum("toys")).isEqualTo(10);
        // a tree towards the seed: the seed reaches nobody
        assertThat(harness.checks().unreachable(harness.members())).isNotEmpty();
    }

    @Test
    void oneSidedLinksAndUnreportedChangesAreFound() {
        MembershipHarness forgetful = harness(Fault.FORGETS_IN_VIEW, 1);
        forgetful.addAndJoin();
        NodeId second = forgetful.addAndJoin();
        assertThat(forgetful.checks().asymmetries()).singleElement().asString().contains(second.toString());

        MembershipHarness silent = harness(Fault.SILENT_CHANGE, 1);
        silent.addAndJoin();
        silent.addAndJoin();
        assertThat(silent.checks().eventMismatches()).hasSize(1);
    }

    @Test
    void livelockIsReportedWithTheSeed() {
        MembershipHarness harness = harness(Fault.PING_PONG, 4);
        harness.addNode();
        harness.join(harness.addNode(), harness.nodes().get(0));
        assertThatThrownBy(harness::runUntilQuiet)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seed=4");
    }

    @Test
    void crashedAndFilteredMessagesAreCountedNotDelivered() {
        MembershipHarness harness = harness(Fault.NONE, 1);
        NodeId a = harness.addNode();
        NodeId b = harness.addNode();
        NodeId c = harness.addNode();
        harness.crash(b);
        harness.filter(envelope -> !envelope.to().equals(c));
        harness.join(a, b);
        harness.join(a, c);
        harness.runUntilQuiet();
        assertThat(harness.undeliverable()).isEqualTo(1);
        assertThat(harness.filtered()).isEqualTo(1);
        assertThat(harness.delivered()).isZero();
        assertThat(harness.members()).containsExactly(a, c);
    }
}
