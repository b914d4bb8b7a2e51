package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lease and indirection settings added after the first release of the record. */
class MembershipConfigLeaseAndWalkTest {

    @Test
    void leaseOffAndIndirectionOnByDefaultBothOffInTheFourArgumentConstructor() {
        MembershipConfig defaults = MembershipConfig.defaults();
        assertThat(defaults.lease()).isZero();
        assertThat(defaults.indirectionWalk())
                .isEqualTo(MembershipConfig.DEFAULT_INDIRECTION_WALK)
                .isEqualTo(20);
        MembershipConfig old = new MembershipConfig(1, Duration.ofSeconds(1), Duration.ofSeconds(5), 10);
        assertThat(old).isEqualTo(defaults.toBuilder().indirectionWalk(0).build());
    }

    @Test
    void builderSetsAndRoundTrips() {
        MembershipConfig config = MembershipConfig.builder()
                .lease(Duration.ofMinutes(1))
                .indirectionWalk(8)
                .build();
        assertThat(config.lease()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.indirectionWalk()).isEqualTo(8);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> MembershipConfig.builder().lease(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease");
        assertThatThrownBy(() -> MembershipConfig.builder().lease(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("lease");
        assertThatThrownBy(() ->
                        MembershipConfig.builder().lease(Duration.ofSeconds(4)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease must be zero or at least");
        assertThatThrownBy(() -> MembershipConfig.builder().indirectionWalk(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indirectionWalk");
        assertThatThrownBy(() -> MembershipConfig.builder().indirectionWalk(MembershipConfig.MAX_INDIRECTION_WALK + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indirectionWalk");
    }
}
