package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.DropReason;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.OpaqueAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStatusTest {

    @Test
    void showsViewsEstimateAndCounters() {
        NodeId self = new NodeId(OpaqueAddress.of("mem", "a"));
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, 0L);
        }
        drops.put(DropReason.values()[0], 2L);
        NodeSnapshot s = new NodeSnapshot(
                self,
                NodeSnapshot.State.RUNNING,
                List.of(new NodeId(OpaqueAddress.of("mem", "c")), new NodeId(OpaqueAddress.of("mem", "b"))),
                List.of(),
                2.7,
                10,
                11,
                1,
                3,
                4,
                5,
                drops,
                Map.of("x", 1L));
        assertThat(NodeStatus.format(s).lines())
                .containsExactly(
                        "status: mem:a RUNNING, cluster size estimate 2.7",
                        "status: partial view (2): mem:b mem:c",
                        "status: in-view (0): -",
                        "status: datagrams sent 10, received 11; broadcasts 1, delivered 3, duplicates 4, forwarded 5",
                        "status: drops 2 " + DropReason.values()[0].name() + "=2",
                        "status: membership x=1");
    }
}
