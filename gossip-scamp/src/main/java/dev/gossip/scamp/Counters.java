package dev.gossip.scamp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SCAMP's counters, plain fields bumped by the protocol classes on the protocol thread. {@link
 * #toMap()} names them for {@link ScampMembership#counters()}.
 */
final class Counters {

    /** {@code SUBSCRIBE} messages handled as contact (first joins and resubscriptions). */
    long subscriptionsReceived;
    /** Subscriptions this node kept (added the subscriber to its PV). */
    long subscriptionsKept;
    /** Forwarded-subscription copies sent, by a contact or by a node passing one on. */
    long forwardedSubscriptions;
    /** Forwarded-subscription copies received. */
    long forwardedReceived;
    /** Copies dropped here: loop guard reached, nowhere to forward, or this node had left. */
    long forwardedDropped;
    /** Heartbeats sent (one per PV member per interval). */
    long heartbeatsSent;
    /** Heartbeats received. */
    long heartbeatsReceived;
    /** InView entries restored by a heartbeat from a node missing from the InView. */
    long inViewRepairs;
    /** InView members dropped because nothing was heard from them for the isolation timeout. */
    long inViewExpired;
    /** Resubscriptions sent because this node considered itself isolated. */
    long resubscriptions;
    /** Calls to leave() that had something to leave. */
    long leaves;
    /** Unsubscription notices (replace or remove) handled. */
    long unsubscriptions;
    /** PV links this node replaced on another node's unsubscription. */
    long replacements;
    /** Lease renewals this node started (asked a PV member for {@code |InView|} copies of itself). */
    long leaseRenewals;
    /** Renewal requests sent again through another PV member because copies were still missing. */
    long leaseRetries;
    /** Old in-links this node released, each once a new holder had kept a renewal copy. */
    long leaseReleases;
    /** In-links lost to a silent (crashed) holder, for which a replacement copy was asked. */
    long leaseTopUps;
    /** Old in-links left in place when a renewal gave up: their copies never arrived. */
    long leaseUnreplaced;
    /** Forwarded-subscription copies this node issued for another node's lease renewal. */
    long leaseCopies;
    /** PV entries dropped because their node did not renew its lease within two leases. */
    long leasesExpired;
    /** First subscriptions this node sent on a random walk instead of acting as contact. */
    long walksStarted;
    /** Walks that ended here, making this node the subscriber's contact. */
    long walksEnded;
    /** Messages rejected: unknown type, sender or subject that makes no sense, missing field. */
    long rejected;

    Map<String, Long> toMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("subscriptionsReceived", subscriptionsReceived);
        map.put("subscriptionsKept", subscriptionsKept);
        map.put("forwardedSubscriptions", forwardedSubscriptions);
        map.put("forwardedReceived", forwardedReceived);
        map.put("forwardedDropped", forwardedDropped);
        map.put("heartbeatsSent", heartbeatsSent);
        map.put("heartbeatsReceived", heartbeatsReceived);
        map.put("inViewRepairs", inViewRepairs);
        map.put("inViewExpired", inViewExpired);
        map.put("resubscriptions", resubscriptions);
        map.put("leaves", leaves);
        map.put("unsubscriptions", unsubscriptions);
        map.put("replacements", replacements);
        map.put("leaseRenewals", leaseRenewals);
        map.put("leaseRetries", leaseRetries);
        map.put("leaseReleases", leaseReleases);
        map.put("leaseTopUps", leaseTopUps);
        map.put("leaseUnreplaced", leaseUnreplaced);
        map.put("leaseCopies", leaseCopies);
        map.put("leasesExpired", leasesExpired);
        map.put("walksStarted", walksStarted);
        map.put("walksEnded", walksEnded);
        map.put("rejected", rejected);
        return map;
    }
}
