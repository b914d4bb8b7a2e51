package dev.gossip.transport.inmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gossip.Address;
import dev.gossip.OpaqueAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pure decision functions of the fault model, without a network. */
class LinkFaultsTest {

    private static final long SEED = 0xFA17L;
    private static final Address A = OpaqueAddress.of("mem", "a");
    private static final Address B = OpaqueAddress.of("mem", "b");
    private static final Address C = OpaqueAddress.of("mem", "c");

    private static List<Fate> fates(LinkFaults faults, long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Fate> fates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fates.add(faults.decide(random));
        }
        return fates;
    }

    @Test
    void noFaultDrawsNothing() {
        SplittableRandom random = new SplittableRandom(SEED);
        long before = new SplittableRandom(SEED).nextLong();
        assertThat(LinkFaults.NONE.decide(random)).isSameAs(Fate.DELIVER_NOW);
        assertThat(random.nextLong()).as("no draw, seed %d", SEED).isEqualTo(before);
    }

    @Test
    void sameSeedSameFatesAndRatesNearTheirProbabilities() {
        LinkFaults faults = LinkFaults.builder()
                .loss(0.2)
                .delay(Duration.ofMillis(5), Duration.ofMillis(10))
                .duplicate(0.1)
                .reorder(0.05, Duration.ofMillis(50))
                .build();
        List<Fate> first = fates(faults, SEED, 20_000);

        assertThat(fates(faults, SEED, 20_000)).as("seed %d", SEED).isEqualTo(first);
        assertThat(fates(faults, SEED + 1, 20_000)).isNotEqualTo(first);
        List<Fate> kept = first.stream().filter(f -> !f.isDropped()).toList();
        assertThat(1 - kept.size() / 20_000.0).as("loss, seed %d", SEED).isCloseTo(0.2, within(0.015));
        assertThat(kept.stream().filter(Fate::hasDuplicate).count() / (double) kept.size())
                .as("duplicates, seed %d", SEED)
                .isCloseTo(0.1, within(0.015));
        long min = Duration.ofMillis(5).toNanos();
        long max = Duration.ofMillis(65).toNanos();
        assertThat(kept).allSatisfy(f -> assertThat(f.delayNanos()).isBetween(min, max));
        long heldBack = kept.stream()
                .filter(f -> f.delayNanos() >= Duration.ofMillis(55).toNanos())
                .count();
        assertThat(heldBack / (double) kept.size())
                .as("reordered, seed %d", SEED)
                .isCloseTo(0.05, within(0.01));
    }

    @Test
    void combiningAddsDelaysAndTreatsLossesAsIndependent() {
        LinkFaults a = LinkFaults.builder()
                .loss(0.5)
                .delay(Duration.ofMillis(1), Duration.ofMillis(2))
                .build();
        LinkFaults b = LinkFaults.builder()
                .loss(0.5)
                .delay(Duration.ofMillis(3), Duration.ZERO)
                .duplicate(0.5)
                .reorder(0.5, Duration.ofMillis(9))
                .build();

        LinkFaults both = a.and(b);

        assertThat(both.loss()).isEqualTo(0.75);
        assertThat(both.delay()).isEqualTo(Duration.ofMillis(4));
        assertThat(both.jitter()).isEqualTo(Duration.ofMillis(2));
        assertThat(both.duplicate()).isEqualTo(0.5);
        assertThat(both.reorderDelay()).isEqualTo(Duration.ofMillis(9));
        assertThat(LinkFaults.NONE.and(a)).isSameAs(a);
        assertThat(a.and(LinkFaults.NONE)).isSameAs(a);
    }

    @Test
    void planCombinesLinkWithDefaultsAndPartitionsDrawNothing() {
        FaultPlan plan = FaultPlan.builder(SEED)
                .loss(0.1)
                .link(A, B, LinkFaults.loss(0.5))
                .partition(Set.of(C))
                .build();

        assertThat(plan.lossProbability(A, B)).isCloseTo(0.55, within(1e-12));
        assertThat(plan.lossProbability(B, A)).isEqualTo(0.1);
        SplittableRandom random = new SplittableRandom(SEED);
        long next = new SplittableRandom(SEED).nextLong();
        assertThat(plan.decide(A, C, random)).isSameAs(Fate.PARTITIONED);
        assertThat(random.nextLong()).isEqualTo(next);
    }

    @Test
    void cutsAreOneWayAndHealKeepsTheRest() {
        FaultPlan plan =
                FaultPlan.builder(SEED).loss(0.2).cut(Set.of(A), Set.of(B, C)).build();

        assertThat(plan.partitioned(A, B)).isTrue();
        assertThat(plan.partitioned(A, C)).isTrue();
        assertThat(plan.partitioned(B, A)).isFalse();
        assertThat(plan.partitioned(B, C)).isFalse();

        FaultPlan healed = plan.toBuilder().heal().build();
        assertThat(healed.partitioned(A, B)).isFalse();
        assertThat(healed.lossProbability(A, B)).isEqualTo(0.2);
        assertThat(healed.seed()).isEqualTo(SEED);
    }

    @Test
    void toBuilderKeepsLinks() {
        FaultPlan plan = FaultPlan.builder(SEED)
                .link(A, B, LinkFaults.loss(0.3))
                .partition(Set.of(A))
                .build();
        FaultPlan copy = plan.toBuilder().build();
        assertThat(copy.lossProbability(A, B)).isEqualTo(0.3);
        assertThat(copy.partitioned(A, B)).isTrue();
        assertThat(copy.toString()).isEqualTo(plan.toString());
    }

    @Test
    void invalidValuesNameTheField() {
        assertThatThrownBy(() -> LinkFaults.builder().duplicate(2)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> LinkFaults.builder().delay(Duration.ofMillis(-1), Duration.ZERO))
                .hasMessageContaining("delay");
        assertThatThrownBy(() -> LinkFaults.builder().reorder(0.1, Duration.ofMillis(-1)))
                .hasMessageContaining("reorderDelay");
        assertThatThrownBy(() -> FaultPlan.builder(1).reorder(-0.1, Duration.ZERO))
                .hasMessageContaining("reorder");
    }
}
