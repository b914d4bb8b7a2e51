package dev.gossip.testkit;

import dev.gossip.DropReason;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameHandler} that records what a codec decoded. A gossip frame is read through every
 * accessor during the call (so that a lazily decoded field that fails shows up here) and copied.
 * Not thread-safe.
 */
public final class RecordingFrameHandler implements FrameHandler {

    /** A copy of a decoded gossip frame. */
    public record Gossip(MessageId id, NodeId origin, int hops, byte[] payload) {}

    /**
     * A copy of a decoded anti-entropy frame.
     *
     * @param kind the frame's kind
     * @param ids the ids as {@link MessageId}s, in order
     */
    public record Digest(int kind, List<MessageId> ids) {}

    private int calls;
    private final List<Gossip> gossip = new ArrayList<>();
    private final List<MembershipMessage> membership = new ArrayList<>();
    private final List<DropReason> drops = new ArrayList<>();
    private final List<Digest> digests = new ArrayList<>();

    @Override
    public void onGossip(GossipFrame frame) {
        calls++;
        MessageId id = frame.id();
        if (id.high() != frame.idHigh() || id.low() != frame.idLow()) {
            throw new AssertionError("id() disagrees with idHigh()/idLow(): " + id);
        }
        ByteBuffer first = frame.payload();
        byte[] payload = new byte[first.remaining()];
        first.get(payload);
        if (frame.payload().remaining() != payload.length) {
            throw new AssertionError("payload() must show the whole payload on every call");
        }
        gossip.add(new Gossip(id, frame.origin(), frame.hops(), payload));
    }

    @Override
    public void onMembership(MembershipMessage message) {
        calls++;
        membership.add(message);
    }

    @Override
    public void onDigest(DigestFrame frame) {
        calls++;
        List<MessageId> ids = new ArrayList<>(frame.count());
        for (int i = 0; i < frame.count(); i++) {
            ids.add(new MessageId(frame.idHigh(i), frame.idLow(i)));
        }
        digests.add(new Digest(frame.kind(), List.copyOf(ids)));
    }

    @Override
    public void onDrop(DropReason reason) {
        calls++;
        drops.add(reason);
    }

    /** @return how many handler methods were called in all */
    public int calls() {
        return calls;
    }

    /** @return the decoded gossip frames, copied */
    public List<Gossip> gossip() {
        return gossip;
    }

    /** @return the decoded membership messages */
    public List<MembershipMessage> membership() {
        return membership;
    }

    /** @return the decoded anti-entropy frames, copied */
    public List<Digest> digests() {
        return digests;
    }

    /** @return the drop reasons, in order */
    public List<DropReason> drops() {
        return drops;
    }

    /** Forgets everything recorded. */
    public void clear() {
        calls = 0;
        gossip.clear();
        membership.clear();
        drops.clear();
        digests.clear();
    }
}
