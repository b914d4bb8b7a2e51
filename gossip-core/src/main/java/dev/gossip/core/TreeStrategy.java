package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.DisseminationConfig;
import dev.gossip.ViewChange;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.Membership;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Eager/lazy push ({@link DisseminationConfig.Mode#TREE}) in the engine: a {@link PushTree} decides,
 * this class encodes and sends. Payloads pushed over eager links are the engine's current frame,
 * encoded once; graft answers come from the payload history (a graft for a message no longer held
 * is counted as {@code tree.graftUnavailable}, and anti-entropy may still repair it).
 */
final class TreeStrategy implements DisseminationStrategy, PushTree.Output {

    private final GossipEngine engine;
    private final PushTree tree;
    /** The engine's duplicate filter, made once so an announcement allocates no lambda. */
    private final PushTree.Seen seen;

    /** A request being built: pairs (high, low), as many as one frame of ids holds. */
    private final long[] scratch = new long[2 * DigestFrame.MAX_IDS];

    private long graftReplies;
    private long graftUnavailable;

    TreeStrategy(GossipEngine engine, DisseminationConfig config, int maxDatagramBytes) {
        this.engine = engine;
        int idsPerFrame = Math.max(1, Math.min(DigestFrame.MAX_IDS, (maxDatagramBytes - 16) / 16));
        this.tree = new PushTree(config, idsPerFrame, this);
        this.seen = engine::seen;
    }

    PushTree tree() {
        return tree;
    }

    @Override
    public void spread(long high, long low, @Nullable Address from) {
        Membership membership = engine.membership();
        tree.disseminate(high, low, from, membership.partialView(), membership.inView(), engine.now());
    }

    @Override
    public void onDuplicate(Address from, long high, long low) {
        if (from != null) {
            tree.onDuplicate(from, high, low, engine.now());
        }
    }

    @Override
    public void onRepaired(long high, long low) {
        tree.onRepaired(high, low, engine.now());
    }

    @Override
    public boolean onControl(DigestFrame frame, Address from) {
        switch (frame.kind()) {
            case DigestFrame.IHAVE -> {
                return tree.onAnnounce(from, frame, seen, engine.now());
            }
            case DigestFrame.GRAFT -> {
                return tree.onGraft(from, frame);
            }
            case DigestFrame.PRUNE -> {
                return tree.onPrune(from);
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void onTick(long now) {
        tree.onTimer(now);
    }

    @Override
    public void onViewChange(ViewChange change) {
        Membership membership = engine.membership();
        if (membership != null) {
            tree.onViewChange(change, membership.partialView(), membership.inView());
        }
    }

    @Override
    public void addCounters(Map<String, Long> counters) {
        tree.addCounters(counters);
        counters.put("tree.graftReplies", graftReplies);
        counters.put("tree.graftUnavailable", graftUnavailable);
    }

    @Override
    public void payload(Address to, long high, long low, boolean graftReply) {
        if (!graftReply) {
            engine.outbox().pushCurrent(to);
            return;
        }
        PayloadHistory history = engine.history();
        int slot = history == null ? -1 : history.find(high, low);
        if (history == null || slot < 0) {
            graftUnavailable++;
            return;
        }
        if (engine.outbox().sendFromHistory(to, history, slot)) {
            graftReplies++;
        }
    }

    @Override
    public boolean canFetch() {
        return engine.antiEntropy() != null;
    }

    /**
     * Pulls through anti-entropy's request frame (answered from the neighbour's history, at most
     * {@code maxDigestIds} ids per request, no link changes).
     */
    @Override
    public void fetch(Address to, long[] ids, int count) {
        AntiEntropy antiEntropy = engine.antiEntropy();
        if (antiEntropy == null) {
            return;
        }
        int chunk = antiEntropy.maxIds();
        for (int from = 0; from < count; from += chunk) {
            int n = Math.min(chunk, count - from);
            System.arraycopy(ids, 2 * from, scratch, 0, 2 * n);
            engine.outbox().sendIds(to, DigestFrame.REQUEST, scratch, n);
        }
    }

    @Override
    public void control(Address to, int kind, long[] ids, int count) {
        engine.outbox().sendIds(to, kind, ids, count);
    }
}
