package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MembershipConfigTest {

    @Test
    void defaults() {
        MembershipConfig c = MembershipConfig.defaults();
        assertThat(c.c()).isEqualTo(MembershipConfig.DEFAULT_C);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofMillis(MembershipConfig.DEFAULT_HEARTBEAT_MILLIS));
        assertThat(c.isolationTimeout()).isEqualTo(Duration.ofMillis(MembershipConfig.DEFAULT_ISOLATION_MILLIS));
        assertThat(c.forwardHopFactor()).isEqualTo(MembershipConfig.DEFAULT_FORWARD_HOP_FACTOR);
    }

    @Test
    void toBuilderRoundTrips() {
        MembershipConfig c = MembershipConfig.builder()
                .c(0)
                .heartbeatInterval(Duration.ofMillis(10))
                .isolationTimeout(Duration.ofMillis(20))
                .forwardHopFactor(1_000)
                .build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void expectedViewSizeIsCPlusOneTimesLnN() {
        assertThat(MembershipConfig.defaults().expectedViewSize(1)).isZero();
        assertThat(MembershipConfig.builder().c(1).build().expectedViewSize(1_000_000))
                .isCloseTo(2 * Math.log(1_000_000), within(1e-9));
        assertThat(MembershipConfig.builder().c(0).build().expectedViewSize(30)).isCloseTo(Math.log(30), within(1e-9));
        assertThatThrownBy(() -> MembershipConfig.defaults().expectedViewSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n");
    }

    @Test
    void isolationTimeoutMustCoverTwoHeartbeats() {
        MembershipConfig.Builder b = MembershipConfig.builder().heartbeatInterval(Duration.ofSeconds(1));
        assertThat(b.isolationTimeout(Duration.ofSeconds(2)).build().isolationTimeout())
                .isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> b.isolationTimeout(Duration.ofMillis(1999)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("isolationTimeout");
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheField() {
        assertThatThrownBy(() -> MembershipConfig.builder().c(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c must");
        assertThatThrownBy(() -> MembershipConfig.builder().c(MembershipConfig.MAX_C + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65");
        assertThatThrownBy(() -> MembershipConfig.builder().forwardHopFactor(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forwardHopFactor");
        assertThatThrownBy(() -> MembershipConfig.builder().forwardHopFactor(1_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forwardHopFactor");
        assertThatThrownBy(() -> MembershipConfig.builder().heartbeatInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> MembershipConfig.builder().isolationTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("isolationTimeout");
        assertThatThrownBy(() -> new MembershipConfig(1, null, Duration.ofSeconds(1), 10))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("heartbeatInterval");
    }
}
