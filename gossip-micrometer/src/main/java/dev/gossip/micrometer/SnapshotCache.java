package dev.gossip.micrometer;

import dev.gossip.GossipNode;
import dev.gossip.NodeSnapshot;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shares one {@link NodeSnapshot} among the meters of one scrape. A registry reads each meter once
 * per scrape, so a meter that reads again is the start of the next scrape: the snapshot is taken
 * anew when the reading meter has already seen the cached one, or when it is older than
 * {@code maxAgeNanos} (a bound for registries that read meters one at a time over a long period).
 *
 * <p>Holds snapshots, never the node: meters hold the node weakly, as Micrometer intends, and pass
 * it in. Thread-safe.
 */
final class SnapshotCache {

    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final BitSet seen = new BitSet();
    private final Set<String> membershipCounters = new HashSet<>();
    private int meters;
    private @Nullable NodeSnapshot snapshot;
    private long takenAt;
    private long snapshotsTaken;

    SnapshotCache(long maxAgeNanos, LongSupplier nanoClock) {
        this.maxAgeNanos = maxAgeNanos;
        this.nanoClock = nanoClock;
    }

    /** @return an index for a new meter */
    synchronized int register() {
        return meters++;
    }

    /**
     * @param node the node, from the meter's weak reference
     * @param meter the reading meter's index
     * @param newCounters receives membership counter names not seen before, to be registered by the
     *     caller outside this lock
     * @return the snapshot for this scrape
     */
    synchronized NodeSnapshot read(GossipNode node, int meter, List<String> newCounters) {
        long now = nanoClock.getAsLong();
        if (snapshot == null || seen.get(meter) || now - takenAt > maxAgeNanos) {
            snapshot = node.snapshot();
            takenAt = now;
            snapshotsTaken++;
            seen.clear();
            for (String name : snapshot.membershipCounters().keySet()) {
                if (membershipCounters.add(name)) {
                    newCounters.add(name);
                }
            }
        }
        seen.set(meter);
        return snapshot;
    }

    /** @return the membership counter names seen so far, sorted */
    synchronized List<String> membershipCounters() {
        return membershipCounters.stream().sorted().toList();
    }

    /** @return how many snapshots were taken, for tests */
    synchronized long snapshotsTaken() {
        return snapshotsTaken;
    }
}
