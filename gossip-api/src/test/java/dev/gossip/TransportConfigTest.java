package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

    @Test
    void defaults() {
        TransportConfig c = TransportConfig.builder().build();
        assertThat(c.bind()).isEqualTo(Address.parse(TransportConfig.DEFAULT_BIND));
        assertThat(c.advertise()).isNull();
        assertThat(c.maxDatagramBytes()).isEqualTo(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES);
        assertThat(c.receiveBufferBytes()).isEqualTo(TransportConfig.DEFAULT_RECEIVE_BUFFER_BYTES);
        assertThat(c.sendBufferBytes()).isEqualTo(TransportConfig.DEFAULT_SEND_BUFFER_BYTES);
        assertThat(c.properties()).isEmpty();
    }

    @Test
    void toBuilderRoundTrips() {
        TransportConfig c = TransportConfig.builder()
                .bind("[::1]:0")
                .advertise(Address.parse("10.0.0.1:7946"))
                .maxDatagramBytes(TransportConfig.MAX_DATAGRAM_BYTES)
                .receiveBufferBytes(1024)
                .sendBufferBytes(2048)
                .properties(Map.of("inmem.network", "t"))
                .build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.bind()).isEqualTo(Address.parse("[::1]:0"));
    }

    @Test
    void datagramSizeBounds() {
        assertThat(TransportConfig.builder()
                        .maxDatagramBytes(TransportConfig.MIN_DATAGRAM_BYTES)
                        .build()
                        .maxDatagramBytes())
                .isEqualTo(64);
        assertThatThrownBy(() -> TransportConfig.builder().maxDatagramBytes(63))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDatagramBytes")
                .hasMessageContaining("63");
        assertThatThrownBy(() -> TransportConfig.builder().maxDatagramBytes(65_508))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65508");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> TransportConfig.builder().receiveBufferBytes(1023))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("receiveBufferBytes");
        assertThatThrownBy(() -> TransportConfig.builder().sendBufferBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendBufferBytes");
        assertThatThrownBy(() -> TransportConfig.builder().bind((Address) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("bind");
        assertThatThrownBy(() -> TransportConfig.builder().bind("nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonsense");
        assertThatThrownBy(() -> new TransportConfig(Address.parse("mem:a"), null, 100, 1024, 1024, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("properties");
    }
}
