package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A small SCAMP (subscription, forwarded subscription, kept notice, unsubscription) written only to
 * exercise the simulator before the production membership is available; no heartbeats.
 */
final class MiniScamp implements Membership {

    static final MembershipProvider PROVIDER = new MembershipProvider() {
        @Override
        public String name() {
            return "mini-scamp";
        }

        @Override
        public Membership create(MembershipConfig config, MembershipContext context) {
            return new MiniScamp(config, context);
        }
    };

    private static final int SUBSCRIBE = 1;
    private static final int FORWARDED = 2;
    private static final int KEPT = 3;
    private static final int REPLACE = 4;
    private static final int REMOVE = 5;
    private static final int IN_ADD = 6;
    private static final int IN_REMOVE = 7;

    private final MembershipConfig config;
    private final MembershipContext context;
    private final List<NodeId> partial = new ArrayList<>();
    private final List<NodeId> in = new ArrayList<>();
    private long dropped;

    private MiniScamp(MembershipConfig config, MembershipContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public void join(NodeId contact) {
        addPartial(contact);
        context.send(contact, MembershipMessage.of(SUBSCRIBE, context.self()));
    }

    @Override
    public boolean onMessage(MembershipMessage m) {
        NodeId self = context.self();
        switch (m.type()) {
            case SUBSCRIBE -> {
                addIn(m.sender());
                if (partial.isEmpty()) {
                    keep(m.sender());
                } else {
                    for (NodeId p : List.copyOf(partial)) {
                        context.send(p, MembershipMessage.of(FORWARDED, self, m.sender(), 0));
                    }
                    for (int i = 0; i < config.c(); i++) {
                        context.send(random(), MembershipMessage.of(FORWARDED, self, m.sender(), 0));
                    }
                }
            }
            case FORWARDED -> {
                NodeId s = m.subject();
                if (!s.equals(self) && !partial.contains(s)
                        && context.random().nextInt(partial.size() + 1) == 0) {
                    keep(s);
                } else if (partial.isEmpty()
                        || m.counter() >= config.forwardHopFactor() * (1 + partial.size())) {
                    dropped++;
                } else {
                    context.send(random(), MembershipMessage.of(FORWARDED, self, s, m.counter() + 1));
                }
            }
            case KEPT, IN_ADD -> addIn(m.sender());
            case IN_REMOVE -> removeIn(m.sender());
            case REMOVE -> removePartial(m.sender());
            case REPLACE -> {
                removePartial(m.sender());
                NodeId r = m.subject();
                if (!r.equals(self) && !partial.contains(r)) {
                    addPartial(r);
                    context.send(r, MembershipMessage.of(IN_ADD, self));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void keep(NodeId s) {
        addPartial(s);
        context.send(s, MembershipMessage.of(KEPT, context.self()));
    }

    private NodeId random() {
        return partial.get(context.random().nextInt(partial.size()));
    }

    @Override
    public void onTick() {
    }

    @Override
    public void leave() {
        NodeId self = context.self();
        int l = partial.size();
        int replaced = in.size() - config.c() - 1;
        for (int k = 0; k < in.size(); k++) {
            if (k < replaced && l > 0) {
                context.send(in.get(k), MembershipMessage.of(REPLACE, self, partial.get(k % l), 0));
            } else {
                context.send(in.get(k), MembershipMessage.of(REMOVE, self));
            }
        }
        for (NodeId p : partial) {
            context.send(p, MembershipMessage.of(IN_REMOVE, self));
        }
        while (!partial.isEmpty()) {
            removePartial(partial.get(partial.size() - 1));
        }
        while (!in.isEmpty()) {
            removeIn(in.get(in.size() - 1));
        }
    }

    private void addPartial(NodeId n) {
        partial.add(n);
        context.viewChanged(new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.ADDED, n));
    }

    private void removePartial(NodeId n) {
        if (partial.remove(n)) {
            context.viewChanged(new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.REMOVED, n));
        }
    }

    private void addIn(NodeId n) {
        if (!in.contains(n)) {
            in.add(n);
            context.viewChanged(new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.ADDED, n));
        }
    }

    private void removeIn(NodeId n) {
        if (in.remove(n)) {
            context.viewChanged(new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.REMOVED, n));
        }
    }

    @Override
    public List<NodeId> partialView() {
        return Collections.unmodifiableList(partial);
    }

    @Override
    public List<NodeId> inView() {
        return Collections.unmodifiableList(in);
    }

    @Override
    public boolean isJoined() {
        return !in.isEmpty();
    }

    @Override
    public double estimatedSize() {
        return Math.exp(partial.size() / (config.c() + 1.0));
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("forwardedDropped", dropped);
    }
}
