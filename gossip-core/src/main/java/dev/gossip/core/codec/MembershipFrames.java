package dev.gossip.core.codec;

import dev.gossip.DropReason;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipMessage;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Encoding and decoding of membership frames (frame type 2); layout in {@link BinaryCodec}. */
final class MembershipFrames {

    static final int MESSAGE_TYPE_OFFSET = 4;
    static final int COUNTER_OFFSET = 5;
    static final int SENDER_OFFSET = 7;
    static final int NO_SUBJECT = 0;
    static final int HAS_SUBJECT = 1;

    private MembershipFrames() {}

    static void encode(MembershipMessage message, AddressCodec addresses, ByteBuffer dst) {
        byte[] sender = addresses.encoded(message.sender());
        byte[] subject = message.subject() == null ? null : addresses.encoded(message.subject());
        List<NodeId> nodes = message.nodes();
        int total = SENDER_OFFSET + sender.length + 1 + (subject == null ? 0 : subject.length) + 1;
        for (int i = 0; i < nodes.size(); i++) {
            total += addresses.encoded(nodes.get(i)).length;
        }
        if (dst.remaining() < total) {
            throw new BufferOverflowException();
        }
        int p = dst.position();
        BinaryCodec.putHeader(dst, p, BinaryCodec.MEMBERSHIP_FRAME);
        Bytes.putU8(dst, p + MESSAGE_TYPE_OFFSET, message.type());
        Bytes.putU16(dst, p + COUNTER_OFFSET, message.counter());
        int i = p + SENDER_OFFSET;
        dst.put(i, sender);
        i += sender.length;
        if (subject == null) {
            Bytes.putU8(dst, i++, NO_SUBJECT);
        } else {
            Bytes.putU8(dst, i++, HAS_SUBJECT);
            dst.put(i, subject);
            i += subject.length;
        }
        Bytes.putU8(dst, i++, nodes.size());
        for (int k = 0; k < nodes.size(); k++) {
            byte[] node = addresses.encoded(nodes.get(k));
            dst.put(i, node);
            i += node.length;
        }
        dst.position(i);
    }

    /** Validates a whole membership frame without allocating; {@code null} if it is well-formed. */
    static @Nullable DropReason check(ByteBuffer src, int start, int end) {
        int i = start + SENDER_OFFSET;
        int length = AddressCodec.measure(src, i, end);
        if (length < 0) {
            return reason(length);
        }
        i += length;
        if (i >= end) {
            return DropReason.TRUNCATED;
        }
        int flag = Bytes.u8(src, i++);
        if (flag == HAS_SUBJECT) {
            length = AddressCodec.measure(src, i, end);
            if (length < 0) {
                return reason(length);
            }
            i += length;
        } else if (flag != NO_SUBJECT) {
            return DropReason.MALFORMED;
        }
        if (i >= end) {
            return DropReason.TRUNCATED;
        }
        int count = Bytes.u8(src, i++);
        for (int k = 0; k < count; k++) {
            length = AddressCodec.measure(src, i, end);
            if (length < 0) {
                return reason(length);
            }
            i += length;
        }
        return i == end ? null : DropReason.TRAILING_BYTES;
    }

    /** Reads a frame that {@link #check} accepted. */
    static MembershipMessage read(ByteBuffer src, int start) {
        int end = src.limit();
        int type = Bytes.u8(src, start + MESSAGE_TYPE_OFFSET);
        int counter = Bytes.u16(src, start + COUNTER_OFFSET);
        int i = start + SENDER_OFFSET;
        NodeId sender = new NodeId(AddressCodec.read(src, i));
        i += AddressCodec.measure(src, i, end);
        NodeId subject = null;
        if (Bytes.u8(src, i++) == HAS_SUBJECT) {
            subject = new NodeId(AddressCodec.read(src, i));
            i += AddressCodec.measure(src, i, end);
        }
        int count = Bytes.u8(src, i++);
        List<NodeId> nodes = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            nodes.add(new NodeId(AddressCodec.read(src, i)));
            i += AddressCodec.measure(src, i, end);
        }
        return new MembershipMessage(type, sender, subject, counter, nodes);
    }

    private static DropReason reason(int measureResult) {
        return measureResult == AddressCodec.TRUNCATED ? DropReason.TRUNCATED : DropReason.MALFORMED;
    }
}
