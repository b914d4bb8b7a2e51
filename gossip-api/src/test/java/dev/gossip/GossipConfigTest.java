package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GossipConfigTest {

    @Test
    void lanPresetHoldsEveryDefault() {
        GossipConfig c = GossipConfig.lan();
        assertThat(c.maxPayloadBytes()).isEqualTo(GossipConfig.DEFAULT_MAX_PAYLOAD_BYTES);
        assertThat(c.dedupCapacity()).isEqualTo(GossipConfig.DEFAULT_DEDUP_CAPACITY);
        assertThat(c.tickInterval()).isEqualTo(Duration.ofMillis(GossipConfig.DEFAULT_TICK_MILLIS));
        assertThat(c.deliverOwnMessages()).isFalse();
        assertThat(c.transportProvider()).isNull();
        assertThat(c.codecProvider()).isNull();
        assertThat(c.membershipProvider()).isNull();
        assertThat(c.properties()).isEmpty();
        assertThat(c.transport().bind()).isEqualTo(Address.parse(TransportConfig.DEFAULT_BIND));
        assertThat(c.membership()).isEqualTo(MembershipConfig.defaults());
        assertThat(c).isEqualTo(GossipConfig.builder().build());
    }

    @Test
    void localPresetBindsAFreeLoopbackPortAndTicksFast() {
        GossipConfig c = GossipConfig.local();
        assertThat(c.transport().bind()).isEqualTo(Address.parse("127.0.0.1:0"));
        assertThat(c.tickInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(c.membership().heartbeatInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.membership().isolationTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void wanPresetUsesSmallDatagramsAndSlowerTimers() {
        GossipConfig c = GossipConfig.wan();
        assertThat(c.transport().maxDatagramBytes()).isEqualTo(1200);
        assertThat(c.membership().c()).isEqualTo(2);
        assertThat(c.membership().heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.membership().isolationTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.tickInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void toBuilderRoundTripsEveryField() {
        GossipConfig c = GossipConfig.builder()
                .transport(TransportConfig.builder()
                        .bind("mem:a")
                        .maxDatagramBytes(900)
                        .build())
                .membership(MembershipConfig.builder().c(3).build())
                .transportProvider("inmem")
                .codecProvider("binary")
                .membershipProvider("scamp")
                .maxPayloadBytes(512)
                .dedupCapacity(1000)
                .tickInterval(Duration.ofMillis(7))
                .deliverOwnMessages(true)
                .properties(Map.of("k", "v"))
                .build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.transportProvider()).isEqualTo("inmem");
        assertThat(c.codecProvider()).isEqualTo("binary");
        assertThat(c.membershipProvider()).isEqualTo("scamp");
        assertThat(c.deliverOwnMessages()).isTrue();
        assertThat(c.toBuilder().maxPayloadBytes(100).build().maxPayloadBytes()).isEqualTo(100);
    }

    @Test
    void propertiesAreCopied() {
        Map<String, String> props = new HashMap<>(Map.of("a", "1"));
        GossipConfig c = GossipConfig.builder().properties(props).build();
        props.put("b", "2");
        assertThat(c.properties()).containsOnlyKeys("a");
        assertThatThrownBy(() -> c.properties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheField() {
        assertThatThrownBy(() -> GossipConfig.builder().maxPayloadBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPayloadBytes")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> GossipConfig.builder().maxPayloadBytes(TransportConfig.MAX_DATAGRAM_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> GossipConfig.builder().dedupCapacity(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dedupCapacity")
                .hasMessageContaining("15");
        assertThatThrownBy(() -> GossipConfig.builder().tickInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tickInterval");
        assertThatThrownBy(() -> GossipConfig.builder().tickInterval(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tickInterval");
        assertThatThrownBy(() -> GossipConfig.builder().tickInterval(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("tickInterval");
        assertThatThrownBy(() -> GossipConfig.builder().transport(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("transport");
        assertThatThrownBy(() -> GossipConfig.builder().membership(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("membership");
    }

    @Test
    void compactConstructorValidatesToo() {
        GossipConfig ok = GossipConfig.lan();
        assertThatThrownBy(() -> new GossipConfig(
                        ok.transport(), ok.membership(), null, null, null, 100, 8, ok.tickInterval(), false, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dedupCapacity");
        assertThatThrownBy(() -> new GossipConfig(
                        ok.transport(), ok.membership(), null, null, null, 100, 100, ok.tickInterval(), false, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("properties");
    }
}
