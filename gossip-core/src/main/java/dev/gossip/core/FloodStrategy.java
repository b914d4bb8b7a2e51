package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.DigestFrame;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The paper's dissemination ({@link dev.gossip.DisseminationConfig.Mode#FLOOD}): the payload goes
 * to every partial-view member except the sender; duplicates are only counted. Tree control frames
 * are not understood (counted as unknown), so a flooding node in a tree cluster still delivers and
 * floods as before.
 */
final class FloodStrategy implements DisseminationStrategy {

    private final GossipEngine engine;

    FloodStrategy(GossipEngine engine) {
        this.engine = engine;
    }

    @Override
    public void spread(long high, long low, @Nullable Address from) {
        List<NodeId> view = engine.membership().partialView();
        for (int i = 0, n = view.size(); i < n; i++) {
            Address to = view.get(i).address();
            if (!to.equals(from)) {
                engine.outbox().pushCurrent(to);
            }
        }
    }

    @Override
    public void onDuplicate(Address from, long high, long low) {}

    @Override
    public boolean onControl(DigestFrame frame, Address from) {
        return false;
    }

    @Override
    public void onTick(long now) {}

    @Override
    public void onViewChange(ViewChange change) {}

    @Override
    public void addCounters(Map<String, Long> counters) {}
}
