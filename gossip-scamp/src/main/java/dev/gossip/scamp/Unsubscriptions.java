package dev.gossip.scamp;

import dev.gossip.NodeId;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Unsubscription (paper §2.2.2) and the InView notices that keep both ends of a link consistent.
 *
 * <p>A leaving node with InView {@code i(0..l'-1)} and PV {@code j(0..l-1)} (0-based here) asks
 * {@code i(k)}, for {@code k < l'-c-1}, to replace its link to the leaver by {@code j(k mod l)},
 * and the last {@code c+1} (all of them when {@code l' <= c+1} or {@code l = 0}) to remove it.
 * Where {@code j(k mod l)} is {@code i(k)} itself, the next PV member is offered instead (our
 * addition). A remove carries the same choice as a fallback that the receiver takes only if the removal
 * would empty its PV (our addition: the paper lets such a node lose its last out-link, which
 * happens to every node whose only PV member is the leaving contact).
 * Each replacement target hears of its new in-link through {@link ScampMessageTypes#IN_VIEW_ADD};
 * each of the leaver's PV members drops the leaver from its InView on {@link
 * ScampMessageTypes#IN_VIEW_REMOVE}. A departure thus removes {@code l + c + 1} links in total
 * (its {@code l} out-links, and {@code l'} in-links of which {@code l'-c-1} are replaced), about as
 * many as a join adds ({@code |PV(contact)| + c + 1}).
 */
final class Unsubscriptions {

    private final NodeId self;
    private final int c;
    private final Views views;
    private final Outbox out;
    private final Counters counters;

    Unsubscriptions(MembershipContext context, int c, Views views, Outbox out, Counters counters) {
        this.self = context.self();
        this.c = c;
        this.views = views;
        this.out = out;
        this.counters = counters;
    }

    /**
     * How many InView members are asked to replace rather than remove.
     *
     * @param inViewSize {@code l'}
     * @param partialViewSize {@code l}
     * @param c the redundancy parameter
     * @return {@code max(0, l' - c - 1)}, or 0 when {@code l = 0} (nothing to replace by)
     */
    static int replacements(int inViewSize, int partialViewSize, int c) {
        return partialViewSize == 0 ? 0 : Math.max(0, inViewSize - c - 1);
    }

    /**
     * The replacement offered to the {@code k}-th InView member: {@code j(k mod l)}, or the next PV
     * member after it if that is the InView member itself (a link to oneself is no link).
     *
     * @return the replacement, or {@code null} if the PV holds no other node
     */
    static @Nullable NodeId replacementFor(NodeId member, int k, List<NodeId> partial) {
        for (int t = 0; t < partial.size(); t++) {
            NodeId candidate = partial.get((k + t) % partial.size());
            if (!candidate.equals(member)) {
                return candidate;
            }
        }
        return null;
    }

    /** Sends the unsubscription notices and empties both views. */
    void leave() {
        List<NodeId> in = views.in().copy();
        List<NodeId> partial = views.partial().copy();
        int replacing = replacements(in.size(), partial.size(), c);
        for (int k = 0; k < in.size(); k++) {
            NodeId member = in.get(k);
            NodeId replacement = replacementFor(member, k, partial);
            if (k < replacing && replacement != null) {
                out.replace(member, replacement);
            } else {
                out.remove(member, replacement);
            }
        }
        for (NodeId member : partial) {
            out.inViewRemove(member);
        }
        views.clear();
    }

    /**
     * Replaces the link to the sender (the leaver) by {@code nodes[0]}. A node that does not hold
     * the leaver, or whose replacement is itself or already in its PV, only removes the leaver: a
     * link to oneself or a duplicate is no link. A replacement equal to the leaver is nonsense and
     * rejected without change.
     */
    boolean onReplace(MembershipMessage message) {
        NodeId leaver = message.sender();
        if (message.nodes().isEmpty() || message.nodes().get(0).equals(leaver)) {
            return false;
        }
        NodeId replacement = message.nodes().get(0);
        counters.unsubscriptions++;
        if (views.removePartial(leaver) && !replacement.equals(self) && views.addPartial(replacement)) {
            out.inViewAdd(replacement);
            counters.replacements++;
        }
        return true;
    }

    /**
     * Removes the link to the sender. If that would empty the PV and the message suggests a
     * fallback ({@code nodes[0]}, not this node nor the sender), the link is replaced by the
     * fallback instead: a node with an empty PV could no longer gossip, and a new node, whose PV
     * holds only its contact, would be cut off when that contact leaves.
     */
    boolean onRemove(MembershipMessage message) {
        counters.unsubscriptions++;
        removeWithFallback(message);
        return true;
    }

    /**
     * Removes the sender from the PV, taking the fallback {@code nodes[0]} instead if the PV would
     * otherwise be empty (see {@link #onRemove}); shared with the lease release.
     *
     * @return {@code true} if the sender was in the PV
     */
    boolean removeWithFallback(MembershipMessage message) {
        NodeId sender = message.sender();
        NodeId fallback = message.nodes().isEmpty() ? null : message.nodes().get(0);
        if (!views.removePartial(sender)) {
            return false;
        }
        if (views.partial().isEmpty() && fallback != null && !fallback.equals(sender) && views.addPartial(fallback)) {
            out.inViewAdd(fallback);
            counters.replacements++;
        }
        return true;
    }

    boolean onInViewAdd(MembershipMessage message) {
        views.addIn(message.sender());
        return true;
    }

    boolean onInViewRemove(MembershipMessage message) {
        views.removeIn(message.sender());
        return true;
    }
}
