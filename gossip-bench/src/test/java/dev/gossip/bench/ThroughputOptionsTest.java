package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThroughputOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedRun() {
        ThroughputOptions options = ThroughputOptions.parse();
        assertThat(options.sizes()).containsExactly(20, 50);
        assertThat(options.systems()).containsExactly("flood", "tree", "jgroups");
        assertThat(options.rates()).startsWith(250, 350, 500).endsWith(64_000, 90_000, 128_000);
        assertThat(options.step()).isEqualTo(Duration.ofSeconds(4));
        assertThat(options.drain()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.senders()).isEqualTo(5);
        assertThat(options.payloadBytes()).isEqualTo(256);
        assertThat(options.csv()).isFalse();
        assertThat(options.linger()).isZero();
        assertThat(options.datagramBytes()).as("the preset's").isZero();
        assertThat(options.graftTimeout()).as("the preset's").isZero();
    }

    @Test
    void everyOptionIsRead() {
        ThroughputOptions options = ThroughputOptions.parse(
                "--nodes",
                "5",
                "--systems",
                "tree",
                "--rates",
                "10,20",
                "--step",
                "1500ms",
                "--drain",
                "0ms",
                "--settle",
                "1s",
                "--warmup",
                "1m",
                "--senders",
                "2",
                "--payload",
                "64",
                "--format",
                "csv",
                "--seed",
                "7",
                "--jgroups-port",
                "27900",
                "--linger",
                "2ms",
                "--datagram-bytes",
                "65507",
                "--graft-timeout",
                "200ms");
        assertThat(options.sizes()).containsExactly(5);
        assertThat(options.systems()).containsExactly("tree");
        assertThat(options.rates()).containsExactly(10, 20);
        assertThat(options.step()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.drain()).isZero();
        assertThat(options.settle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.warmup()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.senders()).isEqualTo(2);
        assertThat(options.payloadBytes()).isEqualTo(64);
        assertThat(options.csv()).isTrue();
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.jgroupsPort()).isEqualTo(27900);
        assertThat(options.linger()).isEqualTo(Duration.ofMillis(2));
        assertThat(options.datagramBytes()).isEqualTo(65_507);
        assertThat(options.graftTimeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> ThroughputOptions.parse("--colour", "red")).hasMessage("unknown option --colour");
        assertThatThrownBy(() -> ThroughputOptions.parse("--nodes")).hasMessage("--nodes needs a value");
        assertThatThrownBy(() -> ThroughputOptions.parse("--nodes", "many"))
                .hasMessage("--nodes: not a number: 'many'");
        assertThatThrownBy(() -> ThroughputOptions.parse("--nodes", "3")).hasMessageStartingWith("--nodes: each size");
        assertThatThrownBy(() -> ThroughputOptions.parse("--systems", "flood,scalecube"))
                .hasMessageStartingWith("--systems must be among flood,tree,jgroups");
        assertThatThrownBy(() -> ThroughputOptions.parse("--rates", "100,0")).hasMessageStartingWith("--rates");
        assertThatThrownBy(() -> ThroughputOptions.parse("--step", "0s"))
                .hasMessageStartingWith("--step must be positive");
        assertThatThrownBy(() -> ThroughputOptions.parse("--drain", "soon"))
                .hasMessageStartingWith("--drain: expected a duration");
        assertThatThrownBy(() -> ThroughputOptions.parse("--payload", "8")).hasMessageStartingWith("--payload");
        assertThatThrownBy(() -> ThroughputOptions.parse("--format", "xml"))
                .hasMessage("--format must be table or csv, was 'xml'");
        assertThatThrownBy(() -> ThroughputOptions.parse("--datagram-bytes", "65508"))
                .hasMessage("--datagram-bytes must be 0 (the preset's) or 64..65507, was 65508");
        assertThatThrownBy(() -> ThroughputOptions.parse("--graft-timeout", "later"))
                .hasMessageStartingWith("--graft-timeout: expected a duration");
    }

    @Test
    void ourNodesRunTheLocalPresetWithTheOverridesGiven() {
        GossipConfig preset = GossipRaceCluster.config(DisseminationConfig.Mode.TREE, Duration.ZERO, 0, Duration.ZERO);
        assertThat(preset.transport().maxDatagramBytes())
                .isEqualTo(GossipConfig.local().transport().maxDatagramBytes());
        assertThat(preset.dissemination().graftTimeout())
                .isEqualTo(GossipConfig.local().dissemination().graftTimeout());
        GossipConfig tuned = GossipRaceCluster.config(
                DisseminationConfig.Mode.FLOOD, Duration.ofMillis(1), 65_507, Duration.ofMillis(200));
        assertThat(tuned.dissemination().mode()).isEqualTo(DisseminationConfig.Mode.FLOOD);
        assertThat(tuned.dissemination().linger()).isEqualTo(Duration.ofMillis(1));
        assertThat(tuned.transport().maxDatagramBytes()).isEqualTo(65_507);
        assertThat(tuned.transport().bind())
                .isEqualTo(GossipConfig.local().transport().bind());
        assertThat(tuned.dissemination().graftTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(tuned.dissemination().announceInterval())
                .isEqualTo(GossipConfig.local().dissemination().announceInterval());
    }
}
