package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import org.junit.jupiter.api.Test;

class NodeIdsTest {

    @Test
    void readsTheIndexBackAndRejectsForeignIds() {
        for (int i : new int[] {0, 7, 10, 999_999, 123_456_789}) {
            assertThat(NodeIds.indexOf(NodeIds.of(i))).isEqualTo(i);
        }
        assertThat(NodeIds.of(42).toString()).isEqualTo("sim:42");
        assertThat(NodeIds.indexOf(NodeId.parse("127.0.0.1:42"))).isEqualTo(-1);
        assertThat(NodeIds.indexOf(new NodeId(OpaqueAddress.of("mem", "42")))).isEqualTo(-1);
        assertThat(NodeIds.indexOf(new NodeId(OpaqueAddress.of("sim", "4x")))).isEqualTo(-1);
        assertThat(NodeIds.indexOf(new NodeId(OpaqueAddress.of("sim", "1234567890"))))
                .isEqualTo(-1);
        assertThat(NodeIds.indexOf(null)).isEqualTo(-1);
    }
}
