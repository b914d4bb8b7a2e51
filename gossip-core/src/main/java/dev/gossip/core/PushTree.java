package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.DisseminationConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.DigestFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The eager/lazy push state of one node (Plumtree, see {@link DisseminationConfig}), sans-IO: it
 * decides which neighbour gets a payload, an announcement, a graft or a prune; the caller encodes
 * and sends through {@link Output}, and drives time with {@link #onTimer}. The engine runs it over
 * real transports and the simulator over virtual time: the same class.
 *
 * <p>Neighbours are the members of the partial view and of the InView, used both ways; every link
 * starts eager (so the eager graph is symmetric and the first message's prunes leave a tree that
 * serves every source); a link's state is this node's choice to push payloads over it, and PRUNE and GRAFT
 * keep both ends in step. A node not among the neighbours gets nothing and its PRUNE, GRAFT and
 * IHAVE are refused (so a stranger cannot draw payloads).
 *
 * <p>Bounds: announcements wait per neighbour, at most {@code maxIdsPerFrame} (a full frame leaves
 * at once); at most {@code 4 × historyCapacity} missing ids are tracked, each with at most
 * {@value #MAX_ANNOUNCERS} announcers to try.
 *
 * <p>Allocation: {@link #disseminate} allocates nothing once the neighbours are known and no id is
 * missing. Not thread-safe.
 */
public final class PushTree {

    /** Where the tree's decisions go. Called during the tree's methods. */
    public interface Output {

        /**
         * Send the payload of a message to a neighbour.
         *
         * @param to the neighbour
         * @param high the id's upper 64 bits
         * @param low the id's lower 64 bits
         * @param graftReply {@code false} for the eager push of the message being disseminated,
         *     {@code true} for the answer to a graft (from the history)
         */
        void payload(Address to, long high, long low, boolean graftReply);

        /**
         * Send a control frame.
         *
         * @param to the neighbour
         * @param kind {@link DigestFrame#IHAVE}, {@link DigestFrame#GRAFT} or {@link DigestFrame#PRUNE}
         * @param ids pairs of (high, low); read during the call only
         * @param count how many ids (0 for a prune)
         */
        void control(Address to, int kind, long[] ids, int count);

        /**
         * @return whether {@link #fetch} can pull a payload without changing links; {@code false}
         *     (the default) makes the tree graft every missing id, as Plumtree does
         */
        default boolean canFetch() {
            return false;
        }

        /**
         * Ask a neighbour for payloads without changing any link (a pull, as anti-entropy's
         * request is): the tree does so for ids still missing when this node already grafted a link
         * within the graft timeout. Called only if {@link #canFetch()}.
         *
         * @param to the neighbour that announced them
         * @param ids pairs of (high, low); read during the call only
         * @param count how many ids
         */
        default void fetch(Address to, long[] ids, int count) {}
    }

    /**
     * Duplicates over one link, with no first receipt over it in between, before it is pruned.
     * Plumtree prunes on the first; under concurrent messages a single duplicate is often stale (a
     * graft's answer crossing the tree's copy, or a copy that took a link already pruned), and
     * several nodes pruning different links of one short-lived cycle cut the tree apart. A link
     * that is really redundant keeps delivering duplicates and is pruned one message later.
     */
    static final int PRUNE_AFTER_DUPLICATES = 2;

    /** The most announcers remembered for one missing id. */
    static final int MAX_ANNOUNCERS = 4;

    private static final class Link {
        final Address address;
        final int hash;
        boolean eager;
        boolean inPartialView;
        boolean inInView;
        long[] pending;
        int pendingCount;
        long pendingSince;
        long[] grafts;
        int graftCount;
        long[] fetches;
        int fetchCount;
        int mark;
        boolean pruned;
        long lastPrune;
        /** Duplicates over this link since the last first receipt over it. */
        int duplicates;

        Link(Address address, boolean eager, int maxIds) {
            this.address = address;
            this.hash = address.hashCode();
            this.eager = eager;
            this.pending = new long[2 * Math.min(maxIds, 8)];
            this.grafts = new long[2];
            this.fetches = new long[2];
        }
    }

    private static final class Missing {
        final long high;
        final long low;
        final Address[] announcers = new Address[MAX_ANNOUNCERS];
        int count;
        int next;
        long deadline;
        /** Pulled without a graft: a repair of it is no sign of a split (see {@link #onRepaired}). */
        boolean fetched;

        Missing(long high, long low) {
            this.high = high;
            this.low = low;
        }
    }

    private final Output output;
    private final long announceNanos;
    private final long graftNanos;
    private final int maxIdsPerFrame;
    private final int maxMissing;
    private final Map<Address, Link> links = new HashMap<>();
    /**
     * The same links by the identity of the address objects the views hand out (the same instances
     * call after call), so the per-message walk over the views needs no hashing or equals.
     */
    private final Map<Address, Link> byIdentity = new IdentityHashMap<>();

    private final List<Link> linkList = new ArrayList<>();
    /**
     * The walk over the partial view then the InView as {@link #disseminate} last made it: the
     * address instance at each position and its link, so that views handing out the same instances
     * cost one comparison per member, not a map lookup. Forgotten when a link is removed.
     */
    private Address[] walkedAddresses = new Address[0];

    private Link[] walkedLinks = new Link[0];
    private final Map<MessageId, Missing> missing = new HashMap<>();
    /**
     * Ids this node pulled ({@link Output#fetch}), with when: a second copy of one is the pull
     * crossing the tree's copy, not a redundant link, so it prunes nothing. Kept two graft timeouts.
     */
    private final Map<MessageId, Long> fetched = new HashMap<>();

    private final long[] single = new long[2];
    private int mark;
    private long nextDeadline = Long.MAX_VALUE;

    private long eagerPushes;
    private long idsAnnounced;
    private long announceFrames;
    private long announcementsReceived;
    private long graftsSent;
    private long graftsReceived;
    private long prunesSent;
    private long prunesReceived;
    private long prunesRefused;
    private long graftsAfterRepair;
    private long fetchesSent;
    /** When this node last turned a link eager by a graft of its own, if {@link #grafted}. */
    private long lastGraft;

    private boolean grafted;
    private long missingGivenUp;
    private long missingDropped;
    private long refused;

    /**
     * @param config the timers and the history bound
     * @param maxIdsPerFrame how many ids fit one announcement or graft frame, 1 to {@link DigestFrame#MAX_IDS}
     * @param output where decisions go
     */
    public PushTree(DisseminationConfig config, int maxIdsPerFrame, Output output) {
        if (maxIdsPerFrame < 1 || maxIdsPerFrame > DigestFrame.MAX_IDS) {
            throw new IllegalArgumentException(
                    "maxIdsPerFrame must be in 1.." + DigestFrame.MAX_IDS + ", was " + maxIdsPerFrame);
        }
        this.output = output;
        this.announceNanos = config.announceInterval().toNanos();
        this.graftNanos = config.graftTimeout().toNanos();
        this.maxIdsPerFrame = maxIdsPerFrame;
        this.maxMissing = 4 * config.historyCapacity();
    }

    /**
     * Spreads a message received for the first time (or broadcast here): the payload to every eager
     * neighbour, an announcement queued for every lazy one, none to {@code from}.
     *
     * @param high the id's upper 64 bits
     * @param low the id's lower 64 bits
     * @param from the neighbour it came from, or {@code null} for this node's own broadcast
     * @param partialView the membership's partial view now
     * @param inView the membership's InView now
     * @param now the time, in nanoseconds
     */
    public void disseminate(
            long high, long low, @Nullable Address from, List<NodeId> partialView, List<NodeId> inView, long now) {
        if (!missing.isEmpty()) {
            missing.remove(new MessageId(high, low));
        }
        int m = ++mark;
        // the sender gets nothing back: mark its link, or remember its address if it has none yet
        Address unlinkedSender = null;
        if (from != null) {
            Link source = links.get(from);
            if (source != null) {
                source.mark = m;
                source.duplicates = 0;
            } else {
                unlinkedSender = from;
            }
        }
        int senderHash = unlinkedSender == null ? 0 : unlinkedSender.hashCode();
        int p = partialView.size();
        if (walkedLinks.length < p + inView.size()) {
            walkedAddresses = Arrays.copyOf(walkedAddresses, p + inView.size());
            walkedLinks = Arrays.copyOf(walkedLinks, p + inView.size());
        }
        for (int i = 0; i < p; i++) {
            Link link = walked(i, partialView.get(i).address());
            link.inPartialView = true;
            spread(link, m, high, low, now, unlinkedSender, senderHash);
        }
        for (int i = 0, n = inView.size(); i < n; i++) {
            Link link = walked(p + i, inView.get(i).address());
            link.inInView = true;
            spread(link, m, high, low, now, unlinkedSender, senderHash);
        }
    }

    private Link walked(int position, Address address) {
        if (walkedAddresses[position] == address) {
            return walkedLinks[position];
        }
        Link link = link(address, true);
        walkedAddresses[position] = address;
        walkedLinks[position] = link;
        return link;
    }

    private void spread(
            Link link, int m, long high, long low, long now, @Nullable Address unlinkedSender, int senderHash) {
        if (link.mark == m) {
            return;
        }
        link.mark = m;
        if (unlinkedSender != null && link.hash == senderHash && link.address.equals(unlinkedSender)) {
            return;
        }
        if (link.eager) {
            eagerPushes++;
            output.payload(link.address, high, low, false);
        } else {
            announce(link, high, low, now);
        }
    }

    private void announce(Link link, long high, long low, long now) {
        if (link.pendingCount == 0) {
            link.pendingSince = now;
            nextDeadline = Math.min(nextDeadline, now + announceNanos);
        }
        if (2 * link.pendingCount == link.pending.length) {
            link.pending = java.util.Arrays.copyOf(link.pending, Math.min(2 * link.pending.length, 2 * maxIdsPerFrame));
        }
        link.pending[2 * link.pendingCount] = high;
        link.pending[2 * link.pendingCount + 1] = low;
        link.pendingCount++;
        idsAnnounced++;
        if (link.pendingCount == maxIdsPerFrame) {
            flushAnnouncements(link);
        }
    }

    private void flushAnnouncements(Link link) {
        if (link.pendingCount > 0) {
            announceFrames++;
            output.control(link.address, DigestFrame.IHAVE, link.pending, link.pendingCount);
            link.pendingCount = 0;
        }
    }

    /**
     * A duplicate payload arrived from {@code from}: on the {@value #PRUNE_AFTER_DUPLICATES}th since
     * the last first receipt over that link, ask it to stop pushing, unless it is this node's last
     * eager link or was asked within the graft timeout.
     *
     * @param from the sender
     * @param now the time, in nanoseconds
     */
    public void onDuplicate(Address from, long now) {
        Link link = links.get(from);
        if (link != null) { // none for a repair's or a stranger's copy: no link to prune
            duplicate(link, now);
        }
    }

    /**
     * A duplicate payload arrived from {@code from}, as {@link #onDuplicate(Address, long)}, unless
     * this node pulled that message ({@link Output#fetch}): then one copy is the pull's answer and
     * says nothing of the link it came over.
     *
     * @param from the sender
     * @param high the id's upper 64 bits
     * @param low the id's lower 64 bits
     * @param now the time, in nanoseconds
     */
    public void onDuplicate(Address from, long high, long low, long now) {
        if (!fetched.isEmpty() && fetched.containsKey(new MessageId(high, low))) {
            return;
        }
        onDuplicate(from, now);
    }

    private void duplicate(Link link, long now) {
        if (!link.eager && link.pruned && now - link.lastPrune < graftNanos) {
            return;
        }
        if (++link.duplicates < PRUNE_AFTER_DUPLICATES) {
            return; // one duplicate may be stale (a graft answer racing the tree): wait for another
        }
        if (!hasOtherEager(link)) {
            return;
        }
        link.duplicates = 0;
        link.eager = false;
        link.pruned = true;
        link.lastPrune = now;
        prunesSent++;
        output.control(link.address, DigestFrame.PRUNE, single, 0);
    }

    private boolean hasOtherEager(Link except) {
        for (int i = 0, n = linkList.size(); i < n; i++) {
            Link link = linkList.get(i);
            if (link != except && link.eager) {
                return true;
            }
        }
        return false;
    }

    /**
     * A neighbour asked this node to stop pushing payloads to it. If that link is this node's last
     * eager one, the prune is refused: the link stays eager and the neighbour is sent an empty GRAFT,
     * which makes its end eager again (a node must not be cut off by its neighbours' prunes).
     *
     * @param from the sender
     * @return {@code false} if it is not a neighbour (refused)
     */
    public boolean onPrune(Address from) {
        Link link = links.get(from);
        if (link == null) {
            refused++;
            return false;
        }
        prunesReceived++;
        if (link.eager && !hasOtherEager(link)) {
            // our last eager link: keep it, and ask the other end to keep it too (an empty graft)
            prunesRefused++;
            output.control(from, DigestFrame.GRAFT, single, 0);
            return true;
        }
        link.eager = false;
        return true;
    }

    /**
     * A neighbour misses messages: the link becomes eager and each id is answered with its payload
     * ({@link Output#payload} with {@code graftReply}; the caller finds it in its history).
     *
     * @param from the sender
     * @param ids the ids asked for
     * @return {@code false} if it is not a neighbour (refused)
     */
    public boolean onGraft(Address from, DigestFrame ids) {
        Link link = links.get(from);
        if (link == null) {
            refused++;
            return false;
        }
        graftsReceived++;
        link.eager = true;
        for (int i = 0, n = ids.count(); i < n; i++) {
            output.payload(from, ids.idHigh(i), ids.idLow(i), true);
        }
        return true;
    }

    /**
     * A message arrived by another way than this tree (an anti-entropy repair) before the tree
     * brought it. If a neighbour had announced it, the tree reaches that neighbour but not this
     * node in time: its link is made eager at both ends (an empty GRAFT, nothing to resend), as a
     * graft would have done had its timer fired first. Without this, a repair that always beats
     * the graft timer would leave a split tree split, every message crossing it by anti-entropy.
     *
     * @param high the id's upper 64 bits
     * @param low the id's lower 64 bits
     * @param now the time, in nanoseconds
     */
    public void onRepaired(long high, long low, long now) {
        if (missing.isEmpty() || (grafted && now - lastGraft < graftNanos)) {
            return;
        }
        Missing entry = missing.get(new MessageId(high, low));
        if (entry == null || entry.count == 0 || entry.fetched) {
            return;
        }
        Link link = links.get(entry.announcers[0]);
        if (link == null) {
            return;
        }
        graftsAfterRepair++;
        grafted = true;
        lastGraft = now;
        link.eager = true; // the announcer's end was lazy (it announced): the empty graft turns it
        output.control(link.address, DigestFrame.GRAFT, single, 0);
    }

    /**
     * A neighbour announced one id. If this node has not seen it, a graft is due {@code graftTimeout}
     * from the first announcement, to the first announcer; later announcers are tried in turn.
     *
     * @param from the announcer
     * @param high the id's upper 64 bits
     * @param low the id's lower 64 bits
     * @param seen whether this node has received the message already
     * @param now the time, in nanoseconds
     * @return {@code false} if the announcer is not a neighbour (refused)
     */
    public boolean onAnnounce(Address from, long high, long low, boolean seen, long now) {
        if (!links.containsKey(from)) {
            refused++;
            return false;
        }
        announced(from, high, low, seen, now);
        return true;
    }

    /** Whether this node has received a message already: its duplicate filter. */
    public interface Seen {
        /**
         * @param high the id's upper 64 bits
         * @param low the id's lower 64 bits
         * @return whether the message was received (or broadcast) here
         */
        boolean contains(long high, long low);
    }

    /**
     * A neighbour announced a frame of ids: {@link #onAnnounce(Address, long, long, boolean, long)}
     * for each, with the neighbour looked up once.
     *
     * @param from the announcer
     * @param ids the ids announced
     * @param seen this node's duplicate filter
     * @param now the time, in nanoseconds
     * @return {@code false} if the announcer is not a neighbour (refused)
     */
    public boolean onAnnounce(Address from, DigestFrame ids, Seen seen, long now) {
        if (!links.containsKey(from)) {
            refused++;
            return false;
        }
        for (int i = 0, n = ids.count(); i < n; i++) {
            long high = ids.idHigh(i);
            long low = ids.idLow(i);
            announced(from, high, low, seen.contains(high, low), now);
        }
        return true;
    }

    private void announced(Address from, long high, long low, boolean seen, long now) {
        announcementsReceived++;
        if (seen) {
            return;
        }
        MessageId id = new MessageId(high, low);
        Missing entry = missing.get(id);
        if (entry == null) {
            if (missing.size() >= maxMissing) {
                missingDropped++;
                return;
            }
            entry = new Missing(high, low);
            entry.deadline = now + graftNanos;
            nextDeadline = Math.min(nextDeadline, entry.deadline);
            missing.put(id, entry);
        }
        if (entry.count < MAX_ANNOUNCERS) {
            for (int i = 0; i < entry.count; i++) {
                if (entry.announcers[i].equals(from)) {
                    return;
                }
            }
            entry.announcers[entry.count++] = from;
        }
    }

    /**
     * Sends the announcements that have waited {@code announceInterval} and the grafts that are due.
     *
     * @param now the time, in nanoseconds
     */
    public void onTimer(long now) {
        if (now - nextDeadline < 0) {
            return;
        }
        long next = Long.MAX_VALUE;
        for (int i = 0, n = linkList.size(); i < n; i++) {
            Link link = linkList.get(i);
            if (link.pendingCount > 0) {
                if (now - (link.pendingSince + announceNanos) >= 0) {
                    flushAnnouncements(link);
                } else {
                    next = Math.min(next, link.pendingSince + announceNanos);
                }
            }
        }
        if (!missing.isEmpty()) {
            for (Iterator<Missing> it = missing.values().iterator(); it.hasNext(); ) {
                Missing entry = it.next();
                if (now - entry.deadline < 0) {
                    next = Math.min(next, entry.deadline);
                    continue;
                }
                if (entry.next >= entry.count) {
                    missingGivenUp++;
                    it.remove();
                    continue;
                }
                Address announcer = entry.announcers[entry.next++];
                if (grafted && now - lastGraft < graftNanos && output.canFetch() && fetched.size() < maxMissing) {
                    fetch(announcer, entry, now);
                } else {
                    graft(announcer, entry.high, entry.low);
                    grafted = true;
                    lastGraft = now;
                }
                entry.deadline = now + Math.max(1, graftNanos / 2);
                next = Math.min(next, entry.deadline);
            }
            for (int i = 0, n = linkList.size(); i < n; i++) {
                Link link = linkList.get(i);
                if (link.graftCount > 0) {
                    output.control(link.address, DigestFrame.GRAFT, link.grafts, link.graftCount);
                    link.graftCount = 0;
                }
                if (link.fetchCount > 0) {
                    output.fetch(link.address, link.fetches, link.fetchCount);
                    link.fetchCount = 0;
                }
            }
        }
        if (!fetched.isEmpty()) {
            fetched.values().removeIf(at -> now - at >= 2 * graftNanos);
            if (!fetched.isEmpty()) {
                next = Math.min(next, now + graftNanos);
            }
        }
        nextDeadline = next;
    }

    private void fetch(Address to, Missing entry, long now) {
        fetchesSent++;
        entry.fetched = true;
        fetched.put(new MessageId(entry.high, entry.low), now);
        Link link = links.get(to);
        if (link == null) {
            single[0] = entry.high;
            single[1] = entry.low;
            output.fetch(to, single, 1);
            return;
        }
        if (2 * link.fetchCount == link.fetches.length) {
            link.fetches = java.util.Arrays.copyOf(link.fetches, 2 * link.fetches.length);
        }
        link.fetches[2 * link.fetchCount] = entry.high;
        link.fetches[2 * link.fetchCount + 1] = entry.low;
        link.fetchCount++;
        if (link.fetchCount == maxIdsPerFrame) {
            output.fetch(link.address, link.fetches, link.fetchCount);
            link.fetchCount = 0;
        }
    }

    private void graft(Address to, long high, long low) {
        graftsSent++;
        Link link = links.get(to);
        if (link == null) {
            // the announcer left the views since; ask anyway, alone
            single[0] = high;
            single[1] = low;
            output.control(to, DigestFrame.GRAFT, single, 1);
            return;
        }
        link.eager = true; // the announcer makes its end eager on receipt; keep both ends in step
        if (2 * link.graftCount == link.grafts.length) {
            link.grafts = java.util.Arrays.copyOf(link.grafts, 2 * link.grafts.length);
        }
        link.grafts[2 * link.graftCount] = high;
        link.grafts[2 * link.graftCount + 1] = low;
        link.graftCount++;
        if (link.graftCount == maxIdsPerFrame) {
            output.control(link.address, DigestFrame.GRAFT, link.grafts, link.graftCount);
            link.graftCount = 0;
        }
    }

    /**
     * Follows a view change: a new partial-view member is an eager link, a node in neither view is
     * forgotten with what was queued for it.
     *
     * @param change the change
     * @param partialView the membership's partial view after it
     * @param inView the membership's InView after it
     */
    public void onViewChange(ViewChange change, List<NodeId> partialView, List<NodeId> inView) {
        Address address = change.member().address();
        boolean toPartial = change.view() == ViewChange.View.PARTIAL_VIEW;
        if (change.kind() == ViewChange.Kind.ADDED) {
            Link link = link(address, true);
            if (toPartial) {
                link.inPartialView = true;
            } else {
                link.inInView = true;
            }
            return;
        }
        Link link = links.get(address);
        if (link == null) {
            return;
        }
        if (toPartial) {
            link.inPartialView = contains(partialView, address);
        } else {
            link.inInView = contains(inView, address);
        }
        if (!link.inPartialView && !link.inInView) {
            links.remove(address);
            linkList.remove(link);
            byIdentity.values().removeIf(l -> l == link);
            Arrays.fill(walkedAddresses, null);
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

    private Link link(Address address, boolean eager) {
        Link link = byIdentity.get(address);
        if (link != null) {
            return link;
        }
        link = links.get(address);
        if (link == null) {
            link = new Link(address, eager, maxIdsPerFrame);
            links.put(address, link);
            linkList.add(link);
        }
        if (byIdentity.size() >= 4 * links.size() + 16) {
            byIdentity.clear(); // views handed out new instances over time: start again
        }
        byIdentity.put(address, link);
        return link;
    }

    /**
     * @param address a node
     * @return whether this node pushes payloads to it; {@code false} if it is not a neighbour
     */
    public boolean isEager(Address address) {
        Link link = links.get(address);
        return link != null && link.eager;
    }

    /** @return whether {@code address} is a neighbour (a link is kept for it) */
    public boolean isNeighbour(Address address) {
        return links.containsKey(address);
    }

    /** @return the earliest time {@link #onTimer} has something to do, or {@link Long#MAX_VALUE} */
    public long nextDeadline() {
        return nextDeadline;
    }

    /** @return how many ids are awaited after an announcement */
    public int missingCount() {
        return missing.size();
    }

    /** @return how many announcements wait to be sent, over all links */
    public int pendingAnnouncements() {
        int total = 0;
        for (int i = 0, n = linkList.size(); i < n; i++) {
            total += linkList.get(i).pendingCount;
        }
        return total;
    }

    /** @return the number of eager links */
    public int eagerLinks() {
        int eager = 0;
        for (int i = 0, n = linkList.size(); i < n; i++) {
            if (linkList.get(i).eager) {
                eager++;
            }
        }
        return eager;
    }

    /** @return the number of links, eager and lazy */
    public int links() {
        return linkList.size();
    }

    /** @return payloads pushed over eager links (graft answers not included) */
    public long eagerPushes() {
        return eagerPushes;
    }

    /**
     * Adds the counters, named {@code tree.*}, to {@code counters}.
     *
     * @param counters where to put them
     */
    public void addCounters(Map<String, Long> counters) {
        int eager = eagerLinks();
        counters.put("tree.eagerLinks", (long) eager);
        counters.put("tree.lazyLinks", (long) (linkList.size() - eager));
        counters.put("tree.eagerPushes", eagerPushes);
        counters.put("tree.idsAnnounced", idsAnnounced);
        counters.put("tree.announceFrames", announceFrames);
        counters.put("tree.announcementsReceived", announcementsReceived);
        counters.put("tree.graftsSent", graftsSent);
        counters.put("tree.graftsReceived", graftsReceived);
        counters.put("tree.graftsAfterRepair", graftsAfterRepair);
        counters.put("tree.fetchesSent", fetchesSent);
        counters.put("tree.fetched", (long) fetched.size());
        counters.put("tree.prunesSent", prunesSent);
        counters.put("tree.prunesReceived", prunesReceived);
        counters.put("tree.prunesRefused", prunesRefused);
        counters.put("tree.missing", (long) missing.size());
        counters.put("tree.missingGivenUp", missingGivenUp);
        counters.put("tree.missingDropped", missingDropped);
        counters.put("tree.refused", refused);
    }
}
