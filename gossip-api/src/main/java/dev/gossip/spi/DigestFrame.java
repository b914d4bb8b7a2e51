package dev.gossip.spi;

/**
 * A decoded anti-entropy frame: a kind and a list of message ids, as a codec presents it to the
 * engine. A flyweight valid only during the {@link FrameHandler#onDigest} call. Ids are indexed from
 * 0 to {@link #count()} - 1.
 *
 * <p>The exchange (see {@link dev.gossip.AntiEntropyConfig}): a node sends a {@link #DIGEST} of the
 * ids it holds; the receiver answers with a {@link #REQUEST} for the ids it lacks and with a
 * {@link #DIGEST_REPLY} of its own ids; the first node requests what it lacks in turn. Requested
 * messages travel back as ordinary gossip frames.
 *
 * <p>The tree dissemination ({@link dev.gossip.DisseminationConfig.Mode#TREE}) uses the same frame
 * for its control messages: {@link #IHAVE} announces ids, {@link #GRAFT} asks for payloads and makes
 * the link eager, {@link #PRUNE} (no ids) makes the link lazy. Kinds are append-only; a codec or
 * node that predates a kind drops it as malformed or unknown, and a mixed cluster still delivers
 * because eager links start as a flood.
 */
public interface DigestFrame {

    /** Kind: ids the sender holds; the receiver requests what it lacks and replies with its own. */
    int DIGEST = 1;
    /** Kind: the answer to a {@link #DIGEST}; the receiver requests what it lacks, no reply. */
    int DIGEST_REPLY = 2;
    /** Kind: ids the sender asks for; the receiver sends those it still holds as gossip frames. */
    int REQUEST = 3;
    /** Kind (tree): ids the sender received and holds; the receiver grafts those it misses in time. */
    int IHAVE = 4;
    /** Kind (tree): ids the sender misses; the receiver makes the link eager and sends the payloads. */
    int GRAFT = 5;
    /** Kind (tree): the sender had a duplicate over this link; the receiver makes it lazy. No ids. */
    int PRUNE = 6;
    /** The largest kind this version knows. */
    int MAX_KIND = PRUNE;
    /** The most ids one frame may carry (the count is one unsigned byte on the default codec). */
    int MAX_IDS = 255;

    /** @return one of the kinds above, {@link #DIGEST} to {@link #MAX_KIND} */
    int kind();

    /** @return how many ids the frame carries, 0 to {@link #MAX_IDS} */
    int count();

    /**
     * @param index 0 to {@link #count()} - 1
     * @return the upper 64 bits of the id at {@code index}
     */
    long idHigh(int index);

    /**
     * @param index 0 to {@link #count()} - 1
     * @return the lower 64 bits of the id at {@code index}
     */
    long idLow(int index);
}
