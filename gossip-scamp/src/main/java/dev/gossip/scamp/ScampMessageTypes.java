package dev.gossip.scamp;

import java.util.Set;

/**
 * The {@link dev.gossip.spi.MembershipMessage#type() types} of SCAMP's membership messages and
 * what each field of a {@link dev.gossip.spi.MembershipMessage} means for each. The numbers are
 * part of the wire protocol: append only, never renumbered or reused.
 *
 * <p>"PV" is the receiver's partial view (out-links), "InView" its in-links. Every message's
 * {@code sender} is the node that sent it; a message whose sender is the receiver itself is
 * rejected. Unused fields are sent as {@code null}, 0 and empty, and ignored on receipt.
 *
 * <table>
 * <caption>SCAMP message types</caption>
 * <tr><th>id</th><th>name</th><th>subject</th><th>counter</th><th>nodes</th><th>receiver does</th></tr>
 * <tr><td>1</td><td>{@link #SUBSCRIBE}</td><td>the subscriber, equal to the sender</td>
 *     <td>0 = first join, 1 = direct (a resubscription: no indirection)</td><td>-</td>
 *     <td>acts as contact: adds the subscriber to its InView and sends a forwarded subscription to
 *     every PV member plus {@code c} to random ones; keeps it itself if its PV is empty</td></tr>
 * <tr><td>2</td><td>{@link #FORWARDED_SUBSCRIPTION}</td><td>the subscriber</td>
 *     <td>hops travelled since the contact (the contact sends 0)</td><td>-</td>
 *     <td>keeps it with probability {@code 1/(1+|PV|)} unless it is the subscriber or already
 *     holds it, else forwards it to one random PV member with counter + 1, or drops it past the
 *     loop guard</td></tr>
 * <tr><td>3</td><td>{@link #KEPT}</td><td>the subscriber, equal to the receiver</td><td>0</td>
 *     <td>-</td><td>adds the sender (the keeper) to its InView</td></tr>
 * <tr><td>4</td><td>{@link #HEARTBEAT}</td><td>-</td><td>0</td><td>-</td>
 *     <td>notes that it was heard from; adds the sender to its InView if missing</td></tr>
 * <tr><td>5</td><td>{@link #UNSUBSCRIBE_REPLACE}</td><td>-</td><td>0</td>
 *     <td>[replacement]</td><td>removes the sender (the leaver) from its PV and, if it held it,
 *     adds the replacement and tells it with {@link #IN_VIEW_ADD}; if it did not hold the leaver,
 *     or the replacement is itself or already in its PV, it only removes the leaver</td></tr>
 * <tr><td>6</td><td>{@link #UNSUBSCRIBE_REMOVE}</td><td>-</td><td>0</td>
 *     <td>[fallback] or []</td><td>removes the sender from its PV (the sender has already dropped
 *     the receiver from its InView); if that empties its PV, it takes the fallback instead, as on
 *     {@link #UNSUBSCRIBE_REPLACE}, so that no node is left unable to gossip</td></tr>
 * <tr><td>7</td><td>{@link #IN_VIEW_ADD}</td><td>-</td><td>0</td><td>-</td>
 *     <td>adds the sender, which has just put the receiver in its PV, to its InView</td></tr>
 * <tr><td>8</td><td>{@link #IN_VIEW_REMOVE}</td><td>-</td><td>0</td><td>-</td>
 *     <td>removes the sender, which has just dropped the receiver from its PV, from its
 *     InView</td></tr>
 * <tr><td>9</td><td>{@link #LEASE_RELEASE}</td><td>-</td><td>0</td><td>[fallback] or []</td>
 *     <td>the sender renews its lease and a new holder has kept a copy of it in the receiver's
 *     place: the receiver removes it from its PV as on {@link
 *     #UNSUBSCRIBE_REMOVE} (fallback included) and always answers {@link #IN_VIEW_REMOVE}, which
 *     reaches the sender after any heartbeat sent before, so the sender's InView stays exact</td></tr>
 * <tr><td>10</td><td>{@link #LEASE_RENEW}</td><td>the renewing node, equal to the sender</td>
 *     <td>copies to issue, 1 to 255</td><td>-</td><td>handles that many forwarded subscriptions of
 *     the sender as if just received with counter 0 (keeping or forwarding each)</td></tr>
 * <tr><td>11</td><td>{@link #WALK}</td><td>the subscriber</td><td>steps to go × 256 + the
 *     sender's degree {@code |PV| + |InView|} (capped at 255)</td><td>[origin]</td><td>a proposed
 *     step of the subscription's random walk: the receiver accepts it with probability {@code
 *     min(1, senderDegree / ownDegree)} and goes on from itself (proposing a member of its PV or
 *     InView other than the subscriber, or, with no steps to go, becoming the subscriber's
 *     contact: it adds it to its InView, sends it {@link #CONTACT} unless it is the origin, and
 *     forwards copies as a contact does); otherwise it sends {@link #WALK_BACK}</td></tr>
 * <tr><td>12</td><td>{@link #CONTACT}</td><td>the subscriber, equal to the receiver</td><td>0</td>
 *     <td>[origin]</td><td>puts the sender (its contact) in its PV in place of the origin, the node
 *     it first subscribed through, and tells the origin with {@link #IN_VIEW_REMOVE}</td></tr>
 * <tr><td>13</td><td>{@link #WALK_BACK}</td><td>the subscriber</td><td>steps to go</td>
 *     <td>[origin]</td><td>a refused step: the walk goes on from the receiver, as after {@link
 *     #WALK}</td></tr>
 * <tr><td>14</td><td>{@link #LEASE_EXPIRED}</td><td>-</td><td>0</td><td>-</td>
 *     <td>the sender has dropped the receiver from its PV because the receiver's lease was not
 *     renewed in time: the receiver removes the sender from its InView, as on {@link
 *     #IN_VIEW_REMOVE}, and, if it did hold it, asks for one more renewal copy to replace the
 *     link (it is alive, so the link was lost to a renewal whose copies went astray)</td></tr>
 * <tr><td>15</td><td>{@link #LEASE_EXTEND}</td><td>-</td><td>0</td><td>-</td>
 *     <td>the sender, held in the receiver's PV, has begun a renewal: the receiver restarts the
 *     entry's lease clock ({@code 2·lease}), so that the link outlives a renewal whose copies are
 *     slow or lost; it ends when the sender releases it</td></tr>
 * </table>
 *
 * <p>Every row keeps both ends of a link consistent: whenever a node adds or drops a PV entry,
 * the entry's node hears of it (through {@link #KEPT}, {@link #IN_VIEW_ADD}, {@link
 * #IN_VIEW_REMOVE}, or the {@link #SUBSCRIBE} / unsubscription message it received itself).
 */
public final class ScampMessageTypes {

    /** A new (or isolated) node subscribes through a contact. */
    public static final int SUBSCRIBE = 1;
    /** A copy of a subscription on its way to a node that keeps it. */
    public static final int FORWARDED_SUBSCRIPTION = 2;
    /** Keeper to subscriber: "I hold you in my partial view, add me to your InView". */
    public static final int KEPT = 3;
    /** Periodic liveness signal from a node to each member of its partial view. */
    public static final int HEARTBEAT = 4;
    /** Leaver to an InView member: "replace your link to me by {@code nodes[0]}". */
    public static final int UNSUBSCRIBE_REPLACE = 5;
    /** Leaver to an InView member: "remove your link to me". */
    public static final int UNSUBSCRIBE_REMOVE = 6;
    /** "I have added you to my partial view": the receiver adds the sender to its InView. */
    public static final int IN_VIEW_ADD = 7;
    /** "I have removed you from my partial view": the receiver drops the sender from its InView. */
    public static final int IN_VIEW_REMOVE = 8;

    /** Renewing node to a node holding it: "drop me from your partial view and confirm". */
    public static final int LEASE_RELEASE = 9;
    /** Renewing node to a partial-view member: "issue {@code counter} forwarded subscriptions of me". */
    public static final int LEASE_RENEW = 10;

    /** A first subscription on its random walk from the node it was sent to (indirection). */
    public static final int WALK = 11;
    /** End of a walk to the subscriber: "I am your contact, in place of the node you joined through". */
    public static final int CONTACT = 12;

    /** A refused step of a random walk, back to the node that proposed it. */
    public static final int WALK_BACK = 13;

    /** Holder to a PV member whose lease ran out: "I have dropped you; your renewal never came". */
    public static final int LEASE_EXPIRED = 14;

    /** Renewing node to a node holding it: "keep me until I release you; my renewal has begun". */
    public static final int LEASE_EXTEND = 15;

    /** Every type defined above. */
    static final Set<Integer> ALL = Set.of(
            SUBSCRIBE,
            FORWARDED_SUBSCRIPTION,
            KEPT,
            HEARTBEAT,
            UNSUBSCRIBE_REPLACE,
            UNSUBSCRIBE_REMOVE,
            IN_VIEW_ADD,
            IN_VIEW_REMOVE,
            LEASE_RELEASE,
            LEASE_RENEW,
            WALK,
            CONTACT,
            WALK_BACK,
            LEASE_EXPIRED,
            LEASE_EXTEND);

    /** Most copies one {@link #LEASE_RENEW} may ask for; larger counters are cut to this. */
    static final int MAX_RENEW_COPIES = 255;

    /** {@link #SUBSCRIBE} counter of a first join, which the contact may send on a random walk. */
    static final int SUBSCRIBE_JOIN = 0;
    /** {@link #SUBSCRIBE} counter of a resubscription, which the contact handles itself. */
    static final int SUBSCRIBE_DIRECT = 1;

    private ScampMessageTypes() {}

    /**
     * Names a type for logs and test messages.
     *
     * @param type a message type
     * @return its constant's name, or {@code UNKNOWN(type)}
     */
    public static String name(int type) {
        return switch (type) {
            case SUBSCRIBE -> "SUBSCRIBE";
            case FORWARDED_SUBSCRIPTION -> "FORWARDED_SUBSCRIPTION";
            case KEPT -> "KEPT";
            case HEARTBEAT -> "HEARTBEAT";
            case UNSUBSCRIBE_REPLACE -> "UNSUBSCRIBE_REPLACE";
            case UNSUBSCRIBE_REMOVE -> "UNSUBSCRIBE_REMOVE";
            case IN_VIEW_ADD -> "IN_VIEW_ADD";
            case IN_VIEW_REMOVE -> "IN_VIEW_REMOVE";
            case LEASE_RELEASE -> "LEASE_RELEASE";
            case LEASE_RENEW -> "LEASE_RENEW";
            case WALK -> "WALK";
            case CONTACT -> "CONTACT";
            case WALK_BACK -> "WALK_BACK";
            case LEASE_EXPIRED -> "LEASE_EXPIRED";
            case LEASE_EXTEND -> "LEASE_EXTEND";
            default -> "UNKNOWN(" + type + ")";
        };
    }
}
