package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.AntiEntropyConfig;
import dev.gossip.DisseminationConfig;
import dev.gossip.DropReason;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.Membership;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Anti-entropy on one node: when the next digest is due, which ids it lists, the exchange of
 * digests, replies and requests, and the counters; the engine encodes and sends, and the payloads
 * come from the engine's history (shared with the tree dissemination). See {@link
 * AntiEntropyConfig} for the exchange. Not thread-safe.
 *
 * <p>A digest lists at most {@code maxDigestIds} ids: the newest half of them are always the most
 * recent messages (so new losses are repaired within an interval or two), under the tree only those
 * older than {@link #treeQuietNanos}; the rest walk through the
 * older history, a different page each digest, so every kept message is advertised again within
 * {@code historyCapacity / (maxDigestIds / 2)} intervals.
 *
 * <p>An id requested once is not requested again until this node's next digest is due (at most
 * {@code 4 × maxDigestIds} such ids are remembered), so two digests crossing in one interval do not
 * fetch the same message twice, and a lost request or repair is retried an interval later.
 *
 * <p>Only neighbours are answered: a digest, reply or request from a node in neither the partial
 * view nor the InView is dropped ({@link DropReason#REJECTED_BY_MEMBERSHIP}, counted as {@code
 * antiEntropy.refused}), as the tree refuses strangers' grafts. Anti-entropy is on by default, and
 * a 6-byte digest draws a reply of up to 1,030 bytes, a request up to {@code maxDigestIds}
 * payloads: answering anyone made every node a reflector for spoofed UDP sources. Digests go to
 * partial-view members, which hold the sender in their InView, so the exchange itself is unchanged.
 */
final class AntiEntropy {

    private final GossipEngine engine;
    private final long intervalNanos;
    private final int maxIds;
    /**
     * {@link AntiEntropyConfig#historyCapacity()}: the history may be larger (the tree keeps its own
     * capacity in the same ring), but only this many of its newest messages are advertised and
     * repaired, so the documented bound against the duplicate filter holds in either mode.
     */
    private final int capacity;

    private final PayloadHistory history;
    /**
     * Messages younger than this are left out of digests: under the tree they may still be on
     * their way, and the tree's own repair (announcement, graft) is due first. See {@link
     * #treeQuietNanos}.
     */
    private final long minAgeNanos;
    /** Ids of the digest or request being built: pairs (high, low). */
    private final long[] ids;

    private Set<MessageId> requestedRecently = new HashSet<>();
    /** The ids requested in the interval before, kept one interval more for {@link #isRepair}. */
    private Set<MessageId> requestedBefore = new HashSet<>();

    private long nextDueNanos;
    private int cursor;

    private long digestsSent;
    private long digestsReceived;
    private long requestsSent;
    private long idsRequested;
    private long repairsSent;
    private long repairsUnavailable;
    private long refused;

    AntiEntropy(
            GossipEngine engine,
            AntiEntropyConfig config,
            PayloadHistory history,
            long minAgeNanos,
            long nowNanos,
            RandomGenerator random) {
        this.engine = engine;
        this.minAgeNanos = minAgeNanos;
        this.intervalNanos = config.interval().toNanos();
        this.maxIds = Math.min(config.maxDigestIds(), DigestFrame.MAX_IDS);
        this.capacity = config.historyCapacity();
        this.history = history;
        this.ids = new long[2 * maxIds];
        // a random first offset keeps the nodes of a cluster started together from digesting in step
        this.nextDueNanos = nowNanos + (long) (random.nextDouble() * intervalNanos);
    }

    PayloadHistory history() {
        return history;
    }

    /** On a timer tick: sends a digest to one random partial-view member when one is due. */
    void onTick(long now, List<NodeId> partialView, RandomGenerator random) {
        if (due(now) && !partialView.isEmpty()) {
            Address to = partialView.get(random.nextInt(partialView.size())).address();
            if (engine.outbox().sendIds(to, DigestFrame.DIGEST, ids, fillDigest(now))) {
                digestSent();
            }
        }
    }

    /** Handles a digest, digest reply or request from {@code from} (already rate-limited). */
    void onFrame(DigestFrame frame, Address from) {
        Membership membership = engine.membership();
        if (!contains(membership.partialView(), from) && !contains(membership.inView(), from)) {
            refused++;
            engine.countDrop(DropReason.REJECTED_BY_MEMBERSHIP);
            return;
        }
        switch (frame.kind()) {
            case DigestFrame.DIGEST -> {
                digestReceived();
                requestMissing(frame, from);
                engine.outbox().sendIds(from, DigestFrame.DIGEST_REPLY, ids, fillDigest(engine.now()));
            }
            case DigestFrame.DIGEST_REPLY -> {
                digestReceived();
                requestMissing(frame, from);
            }
            case DigestFrame.REQUEST -> repair(frame, from);
            default -> engine.countDrop(DropReason.MALFORMED);
        }
    }

    private static boolean contains(List<NodeId> view, Address address) {
        for (int i = 0, n = view.size(); i < n; i++) {
            if (view.get(i).address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** Requests from the sender of {@code frame} the ids it lists that this node has not seen. */
    private void requestMissing(DigestFrame frame, Address from) {
        int n = 0;
        for (int i = 0; i < frame.count() && n < maxIds; i++) {
            long high = frame.idHigh(i);
            long low = frame.idLow(i);
            if (!engine.seen(high, low) && markRequested(high, low)) {
                ids[2 * n] = high;
                ids[2 * n + 1] = low;
                n++;
            }
        }
        if (n > 0 && engine.outbox().sendIds(from, DigestFrame.REQUEST, ids, n)) {
            requested(n);
        }
    }

    /** Sends the requested messages this node still holds, at most {@code maxDigestIds} of them. */
    private void repair(DigestFrame frame, Address to) {
        int count = Math.min(frame.count(), maxIds);
        for (int i = 0; i < count; i++) {
            int slot = history.find(frame.idHigh(i), frame.idLow(i));
            if (slot < 0 || history.age(slot) >= capacity) {
                repairUnavailable();
                continue;
            }
            if (engine.outbox().sendFromHistory(to, history, slot)) {
                repairSent();
            }
        }
    }

    /** @return the ids buffer that {@link #fillDigest} and requests are built in */
    long[] ids() {
        return ids;
    }

    /** @return the most ids in one digest, request or reply */
    int maxIds() {
        return maxIds;
    }

    /** @return {@code true} once per interval: a digest is due now */
    boolean due(long nowNanos) {
        if (nowNanos - nextDueNanos < 0) {
            return false;
        }
        nextDueNanos += intervalNanos;
        Set<MessageId> swap = requestedBefore;
        requestedBefore = requestedRecently;
        requestedRecently = swap;
        requestedRecently.clear();
        if (nowNanos - nextDueNanos >= 0) {
            nextDueNanos = nowNanos + intervalNanos; // the node stalled; do not catch up in a burst
        }
        return true;
    }

    /** Fills {@link #ids()} with this node's digest; @return how many ids */
    int fillDigest(long now) {
        int size = kept();
        int young = minAgeNanos > 0 ? Math.min(size, history.recordedAfter(now - minAgeNanos)) : 0;
        int available = size - young;
        int count = Math.min(maxIds, available);
        int newest = Math.min(count, (maxIds + 1) / 2);
        int n = 0;
        for (int age = young; age < young + newest; age++) {
            n = put(n, history.slotByAge(age));
        }
        int older = available - newest;
        int fromOlder = Math.min(count - newest, older);
        if (fromOlder > 0) {
            cursor = cursor % older;
            for (int i = 0; i < fromOlder; i++) {
                n = put(n, history.slotByAge(young + newest + (cursor + i) % older));
            }
            cursor = (cursor + fromOlder) % older;
        }
        return n;
    }

    /**
     * How young a message anti-entropy leaves alone under the tree dissemination: twice the time
     * the tree takes to repair a missing payload itself ({@code announceInterval + graftTimeout}),
     * 160 ms with the {@code local()} timers, 600 ms with the defaults. A digest listing younger ids
     * makes its receiver ask for messages still on their way down the tree: under load that was
     * more payloads sent as repairs than along the tree, and their copies crossing the tree's
     * pruned its links faster than grafts could mend them (docs/dissemination.md).
     *
     * @param dissemination the tree's timers
     * @return the minimum age, in nanoseconds
     */
    static long treeQuietNanos(DisseminationConfig dissemination) {
        return 2
                * (dissemination.announceInterval().toNanos()
                        + dissemination.graftTimeout().toNanos());
    }

    /** @return how many of the history's newest messages anti-entropy works with */
    private int kept() {
        return Math.min(history.size(), capacity);
    }

    private int put(int n, int slot) {
        ids[2 * n] = history.high(slot);
        ids[2 * n + 1] = history.low(slot);
        return n + 1;
    }

    /**
     * Marks an id as requested now.
     *
     * @return {@code false} if it was requested since the last digest, so it should not be now
     */
    boolean markRequested(long high, long low) {
        if (requestedRecently.size() >= 4 * maxIds) {
            return true; // bound reached: request anyway, duplicates cost bandwidth, not memory
        }
        return requestedRecently.add(new MessageId(high, low));
    }

    /**
     * Whether a copy of this message may be a repair this node asked for (requested in this
     * interval or the one before). A repair's copy and the tree's copy of one message say nothing
     * about redundant eager links, so the engine does not show the tree such a duplicate.
     * Allocates only while requests are outstanding.
     */
    boolean isRepair(long high, long low) {
        if (requestedRecently.isEmpty() && requestedBefore.isEmpty()) {
            return false;
        }
        MessageId id = new MessageId(high, low);
        return requestedRecently.contains(id) || requestedBefore.contains(id);
    }

    void digestSent() {
        digestsSent++;
    }

    void digestReceived() {
        digestsReceived++;
    }

    void requested(int count) {
        requestsSent++;
        idsRequested += count;
    }

    void repairSent() {
        repairsSent++;
    }

    void repairUnavailable() {
        repairsUnavailable++;
    }

    /** Adds the counters, named {@code antiEntropy.*}, to {@code counters}. */
    void addCounters(Map<String, Long> counters) {
        counters.put("antiEntropy.digestsSent", digestsSent);
        counters.put("antiEntropy.digestsReceived", digestsReceived);
        counters.put("antiEntropy.requestsSent", requestsSent);
        counters.put("antiEntropy.idsRequested", idsRequested);
        counters.put("antiEntropy.repairsSent", repairsSent);
        counters.put("antiEntropy.repairsUnavailable", repairsUnavailable);
        counters.put("antiEntropy.refused", refused);
        counters.put("antiEntropy.historySize", (long) kept());
    }
}
