package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.spi.MembershipMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    private static final NodeId A = NodeId.parse("127.0.0.1:1");

    @Test
    void snapshotCopiesAndSumsDrops() {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        drops.put(DropReason.TRUNCATED, 2L);
        drops.put(DropReason.BAD_MAGIC, 3L);
        List<NodeId> pv = new ArrayList<>(List.of(A));
        NodeSnapshot s =
                new NodeSnapshot(A, NodeSnapshot.State.RUNNING, pv, List.of(), 1.0, 0, 0, 0, 0, 0, 0, drops, Map.of());
        pv.clear();
        assertThat(s.partialView()).containsExactly(A);
        assertThat(s.totalDrops()).isEqualTo(5);
        assertThat(s.drops(DropReason.BAD_MAGIC)).isEqualTo(3);
        assertThat(s.drops(DropReason.OVERSIZED)).isZero();
    }

    @Test
    void membershipMessageValidatesRanges() {
        assertThat(MembershipMessage.of(7, A).nodes()).isEmpty();
        assertThat(MembershipMessage.of(7, A, A, 3).subject()).isEqualTo(A);
        assertThatThrownBy(() -> MembershipMessage.of(256, A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> MembershipMessage.of(1, A, A, 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counter");
        assertThatThrownBy(() -> new MembershipMessage(1, A, null, 0, Collections.nCopies(256, A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodes");
        assertThatThrownBy(() -> MembershipMessage.of(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("sender");
    }

    @Test
    void viewChangeRequiresEveryComponent() {
        assertThatThrownBy(() -> new ViewChange(null, ViewChange.Kind.ADDED, A))
                .isInstanceOf(NullPointerException.class);
        assertThat(new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.REMOVED, A).member())
                .isEqualTo(A);
    }
}
