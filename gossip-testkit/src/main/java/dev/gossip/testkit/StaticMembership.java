package dev.gossip.testkit;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A membership fixture for testing code above the {@link Membership} SPI (the engine, the runtime
 * node) without a real protocol: views are given up front ({@link #fullMesh}, {@link #withViews}) or
 * built by a two-message handshake ({@link #empty}).
 *
 * <p>Messages (types are this fixture's own):
 * <table>
 *   <caption>message types</caption>
 *   <tr><th>type</th><th>name</th><th>effect at the receiver</th></tr>
 *   <tr><td>{@value #JOIN}</td><td>join</td><td>adds the sender to both views, answers {@code accept}</td></tr>
 *   <tr><td>{@value #ACCEPT}</td><td>accept</td><td>adds the sender to the InView: the node is joined</td></tr>
 *   <tr><td>{@value #LEAVE}</td><td>leave</td><td>removes the sender from both views</td></tr>
 * </table>
 * Any other type, or a message from this node itself, is rejected ({@code false}).
 *
 * <p>{@link #isJoined()} is true when the InView is non-empty; {@link #estimatedSize()} is
 * {@code 1 + |PV|}. Not thread-safe, like every membership.
 */
public final class StaticMembership implements Membership {

    /** Provider name of every provider made here. */
    public static final String NAME = "static";
    /** Message type: join through the receiver. */
    public static final int JOIN = 1;
    /** Message type: the receiver was taken into the sender's partial view. */
    public static final int ACCEPT = 2;
    /** Message type: the sender leaves. */
    public static final int LEAVE = 3;

    private final MembershipContext context;
    private final List<NodeId> partialView = new ArrayList<>();
    private final List<NodeId> inView = new ArrayList<>();
    private final List<NodeId> partialViewReadOnly = Collections.unmodifiableList(partialView);
    private final List<NodeId> inViewReadOnly = Collections.unmodifiableList(inView);
    private long received;
    private long rejected;
    private long ticks;

    private StaticMembership(MembershipContext context, Collection<NodeId> partialView, Collection<NodeId> inView) {
        this.context = context;
        NodeId self = context.self();
        partialView.stream().filter(n -> !n.equals(self)).distinct().forEach(this.partialView::add);
        inView.stream().filter(n -> !n.equals(self)).distinct().forEach(this.inView::add);
    }

    /**
     * Every member has every other member in both views from the start.
     *
     * @param members the whole cluster
     * @return a provider for any of them
     */
    public static MembershipProvider fullMesh(Collection<NodeId> members) {
        List<NodeId> all = List.copyOf(members);
        return provider(context -> new StaticMembership(context, all, all));
    }

    /**
     * Members start with the given partial views; each InView holds the nodes whose partial view
     * holds that member. A node missing from the map starts with empty views.
     *
     * @param partialViews each member's partial view
     * @return a provider for any of them
     */
    public static MembershipProvider withViews(Map<NodeId, ? extends Collection<NodeId>> partialViews) {
        Map<NodeId, List<NodeId>> copy = Map.copyOf(partialViews.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
        return provider(context -> {
            NodeId self = context.self();
            Set<NodeId> in = new LinkedHashSet<>();
            copy.forEach((node, view) -> {
                if (view.contains(self)) {
                    in.add(node);
                }
            });
            return new StaticMembership(context, copy.getOrDefault(self, List.of()), in);
        });
    }

    /** @return a provider of members that start alone and link up through {@link #join} */
    public static MembershipProvider empty() {
        return provider(context -> new StaticMembership(context, List.of(), List.of()));
    }

    private static MembershipProvider provider(Function<MembershipContext, Membership> factory) {
        return new MembershipProvider() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Membership create(MembershipConfig config, MembershipContext context) {
                return factory.apply(Objects.requireNonNull(context, "context"));
            }
        };
    }

    @Override
    public void join(NodeId contact) {
        if (contact.equals(context.self())) {
            return;
        }
        add(partialView, ViewChange.View.PARTIAL_VIEW, contact);
        context.send(contact, MembershipMessage.of(JOIN, context.self()));
    }

    @Override
    public boolean onMessage(MembershipMessage message) {
        received++;
        NodeId sender = message.sender();
        if (sender.equals(context.self())) {
            rejected++;
            return false;
        }
        switch (message.type()) {
            case JOIN -> {
                add(inView, ViewChange.View.IN_VIEW, sender);
                add(partialView, ViewChange.View.PARTIAL_VIEW, sender);
                context.send(sender, MembershipMessage.of(ACCEPT, context.self()));
            }
            case ACCEPT -> add(inView, ViewChange.View.IN_VIEW, sender);
            case LEAVE -> {
                remove(partialView, ViewChange.View.PARTIAL_VIEW, sender);
                remove(inView, ViewChange.View.IN_VIEW, sender);
            }
            default -> {
                rejected++;
                return false;
            }
        }
        return true;
    }

    @Override
    public void onTick() {
        ticks++;
    }

    @Override
    public void leave() {
        Set<NodeId> tell = new LinkedHashSet<>(partialView);
        tell.addAll(inView);
        for (NodeId node : tell) {
            context.send(node, MembershipMessage.of(LEAVE, context.self()));
        }
        for (NodeId node : List.copyOf(partialView)) {
            remove(partialView, ViewChange.View.PARTIAL_VIEW, node);
        }
        for (NodeId node : List.copyOf(inView)) {
            remove(inView, ViewChange.View.IN_VIEW, node);
        }
    }

    @Override
    public List<NodeId> partialView() {
        return partialViewReadOnly;
    }

    @Override
    public List<NodeId> inView() {
        return inViewReadOnly;
    }

    @Override
    public boolean isJoined() {
        return !inView.isEmpty();
    }

    @Override
    public double estimatedSize() {
        return 1 + partialView.size();
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("messagesReceived", received, "messagesRejected", rejected, "ticks", ticks);
    }

    private void add(List<NodeId> view, ViewChange.View which, NodeId node) {
        if (!view.contains(node)) {
            view.add(node);
            context.viewChanged(new ViewChange(which, ViewChange.Kind.ADDED, node));
        }
    }

    private void remove(List<NodeId> view, ViewChange.View which, NodeId node) {
        if (view.remove(node)) {
            context.viewChanged(new ViewChange(which, ViewChange.Kind.REMOVED, node));
        }
    }
}
