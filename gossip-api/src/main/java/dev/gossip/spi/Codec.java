package dev.gossip.spi;

import dev.gossip.NodeId;
import java.nio.ByteBuffer;

/**
 * Turns frames into bytes and back: gossip frames (broadcast payloads) and membership messages.
 * The default, {@code binary}, lives in {@code gossip-core}.
 *
 * <p>Contract: {@link #decode} never throws, whatever the input (random, truncated, oversized);
 * every invalid input ends in {@link FrameHandler#onDrop} with a reason. Encoding methods write at
 * {@code dst}'s position and advance it; they throw {@link java.nio.BufferOverflowException} if the
 * frame does not fit, and leave {@code dst}'s content past its old position unspecified then.
 *
 * <p>Threading: one codec instance per node, used by one thread at a time; it may keep reusable
 * scratch state (such as the {@link GossipFrame} flyweight).
 */
public interface Codec {

    /**
     * How many bytes a gossip frame from {@code origin} adds to its payload, so that a caller can
     * check the size before encoding.
     *
     * @param origin the broadcasting node
     * @return the header size in bytes
     */
    int gossipOverhead(NodeId origin);

    /**
     * Encodes a new gossip frame.
     *
     * @param idHigh upper 64 bits of the message id
     * @param idLow lower 64 bits of the message id
     * @param origin the broadcasting node
     * @param hops times forwarded so far (0 at the origin), 0 to 255
     * @param payload the payload, from position to limit; its position is not changed
     * @param dst where to write
     */
    void encodeGossip(long idHigh, long idLow, NodeId origin, int hops, ByteBuffer payload, ByteBuffer dst);

    /**
     * Encodes a received gossip frame as this node forwards it: the same id, origin and payload, one
     * more hop (saturating at 255).
     *
     * @param received a frame this codec decoded, during the handler call
     * @param dst where to write
     */
    void encodeForward(GossipFrame received, ByteBuffer dst);

    /**
     * Encodes a membership message.
     *
     * @param message the message
     * @param dst where to write
     */
    void encodeMembership(MembershipMessage message, ByteBuffer dst);

    /**
     * Encodes an anti-entropy frame (see {@link DigestFrame}). Codecs that predate anti-entropy need
     * not implement it; the default throws {@link UnsupportedOperationException}, which the engine
     * counts and reports, so anti-entropy then does nothing.
     *
     * @param kind {@link DigestFrame#DIGEST} to {@link DigestFrame#MAX_KIND}
     * @param ids the ids as pairs: {@code ids[2i]} the upper, {@code ids[2i + 1]} the lower 64 bits
     * @param count how many ids of {@code ids} to write, 0 to {@link DigestFrame#MAX_IDS}
     * @param dst where to write
     * @throws UnsupportedOperationException if this codec has no anti-entropy frames
     */
    default void encodeDigest(int kind, long[] ids, int count, ByteBuffer dst) {
        throw new UnsupportedOperationException(getClass().getName() + " has no anti-entropy frames");
    }

    /**
     * How many bytes a bundle adds before its first frame, for a codec that can carry several
     * frames in one datagram; -1 (the default) if it cannot, and the engine then sends every frame
     * in a datagram of its own. A bundle is laid out as this header followed, for each frame, by
     * {@link #bundleEntryBytes()} bytes written by {@link #encodeBundleEntry} and the frame itself.
     *
     * @return the header size, or -1 if this codec has no bundles
     */
    default int bundleHeaderBytes() {
        return -1;
    }

    /** @return how many bytes a bundle adds before each of its frames (0 if there are no bundles) */
    default int bundleEntryBytes() {
        return 0;
    }

    /**
     * Writes a bundle's header at {@code dst}'s position and advances it by {@link
     * #bundleHeaderBytes()}.
     *
     * @param dst where to write
     * @throws UnsupportedOperationException if this codec has no bundles
     */
    default void encodeBundleHeader(ByteBuffer dst) {
        throw new UnsupportedOperationException(getClass().getName() + " has no bundles");
    }

    /**
     * Writes the bytes that precede one frame of a bundle at {@code dst}'s position and advances it
     * by {@link #bundleEntryBytes()}.
     *
     * @param frameLength the length of the frame that follows, in bytes
     * @param dst where to write
     * @throws UnsupportedOperationException if this codec has no bundles
     */
    default void encodeBundleEntry(int frameLength, ByteBuffer dst) {
        throw new UnsupportedOperationException(getClass().getName() + " has no bundles");
    }

    /**
     * Decodes the remaining bytes of {@code src}, which must hold exactly one frame or one bundle of
     * frames, and calls one method of {@code handler} per frame (exactly one, unless it is a bundle;
     * a malformed bundle is one {@link FrameHandler#onDrop}, before any of its frames is handed
     * over). Never throws. {@code src}'s position and limit may be changed.
     *
     * @param src the received bytes
     * @param handler told what was decoded, or why it was dropped
     */
    void decode(ByteBuffer src, FrameHandler handler);
}
