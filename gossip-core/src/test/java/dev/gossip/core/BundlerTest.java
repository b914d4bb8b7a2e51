package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.NodeId;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Frames per destination into one datagram: what leaves, when, and that it decodes back. */
@Timeout(10)
class BundlerTest {

    private static final Address A = NodeId.parse("127.0.0.1:7001").address();
    private static final Address B = NodeId.parse("127.0.0.1:7002").address();
    private static final long MS = 1_000_000L;

    private final BinaryCodec codec = new BinaryCodec(1024);
    private final List<Address> to = new ArrayList<>();
    private final List<byte[]> datagrams = new ArrayList<>();

    private Bundler bundler(int maxDatagram, long linger) {
        return new Bundler(codec, maxDatagram, linger, (address, datagram) -> {
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            to.add(address);
            datagrams.add(bytes);
            return true;
        });
    }

    /** Encodes an id frame with {@code count} ids into {@code buffer} from 0; @return its length. */
    private int frame(ByteBuffer buffer, int count, long first) {
        long[] ids = new long[2 * count];
        for (int i = 0; i < count; i++) {
            ids[2 * i] = first + i;
        }
        buffer.clear();
        codec.encodeDigest(DigestFrame.IHAVE, ids, count, buffer);
        return buffer.position();
    }

    /** The first id of each frame a datagram holds, in order. */
    private List<Long> decode(byte[] datagram) {
        List<Long> firsts = new ArrayList<>();
        codec.decode(ByteBuffer.wrap(datagram), new FrameHandler() {
            @Override
            public void onGossip(GossipFrame frame) {
                firsts.add(-1L);
            }

            @Override
            public void onMembership(MembershipMessage message) {
                firsts.add(-2L);
            }

            @Override
            public void onDigest(DigestFrame frame) {
                firsts.add(frame.idHigh(0));
            }

            @Override
            public void onDrop(DropReason reason) {
                firsts.add(-3L);
            }
        });
        return firsts;
    }

    @Test
    void aLoneFrameLeavesByteForByteAndSeveralShareOneDatagram() {
        Bundler bundler = bundler(1400, 0);
        ByteBuffer scratch = ByteBuffer.allocate(1400);
        int length = frame(scratch, 1, 10);
        byte[] lone = Arrays.copyOf(scratch.array(), length);
        bundler.queue(A, scratch, length, 0, false);
        bundler.beforeOverwrite(scratch);
        bundler.queue(B, scratch, frame(scratch, 1, 20), 0, false);
        bundler.beforeOverwrite(scratch);
        bundler.queue(B, scratch, frame(scratch, 1, 30), 0, true);
        assertThat(datagrams).as("nothing leaves before the flush").isEmpty();
        bundler.flush(0, false);
        assertThat(to).containsExactly(A, B);
        assertThat(datagrams.get(0)).isEqualTo(lone);
        assertThat(decode(datagrams.get(1))).containsExactly(20L, 30L);
        assertThat(bundler.bundlesFlushed()).isEqualTo(1);
        assertThat(bundler.payloadDatagrams()).isEqualTo(1);
        assertThat(bundler.framesQueued()).isEqualTo(3);
    }

    @Test
    void aFrameThatWouldOverflowTheDatagramStartsTheNextOne() {
        Bundler bundler = bundler(200, 0);
        ByteBuffer scratch = ByteBuffer.allocate(200);
        for (int i = 0; i < 5; i++) {
            bundler.beforeOverwrite(scratch);
            bundler.queue(A, scratch, frame(scratch, 4, 100 * i), 0, false); // 70 bytes each
        }
        bundler.flush(0, false);
        assertThat(datagrams).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(200));
        List<Long> all = new ArrayList<>();
        datagrams.forEach(d -> all.addAll(decode(d)));
        assertThat(all).containsExactly(0L, 100L, 200L, 300L, 400L);
        assertThat(datagrams).hasSize(3);
    }

    @Test
    void withALingerFramesWaitForLaterInputsAndSurviveTheirBuffer() {
        Bundler bundler = bundler(1400, 5 * MS);
        ByteBuffer scratch = ByteBuffer.allocate(1400);
        bundler.queue(A, scratch, frame(scratch, 1, 1), 0, false);
        bundler.flush(1 * MS, false);
        assertThat(datagrams).isEmpty();
        frame(scratch, 1, 99); // the next input overwrites the caller's buffer
        bundler.queue(A, scratch, scratch.position(), 2 * MS, false);
        bundler.flush(4 * MS, false);
        assertThat(datagrams).isEmpty();
        bundler.flush(5 * MS, false);
        assertThat(datagrams)
                .singleElement()
                .satisfies(d -> assertThat(decode(d)).containsExactly(1L, 99L));
    }

    private static final Address C = NodeId.parse("127.0.0.1:7003").address();

    @Test
    void distinctPushesAloneLeaveAsTheyAreInPushOrder() {
        Bundler bundler = bundler(1400, 0);
        ByteBuffer scratch = ByteBuffer.allocate(1400);
        int length = frame(scratch, 1, 10);
        byte[] lone = Arrays.copyOf(scratch.array(), length);
        bundler.queueDistinct(B, scratch, length, 0, true);
        bundler.queueDistinct(A, scratch, length, 0, true);
        bundler.queueDistinct(C, scratch, length, 0, true);
        assertThat(datagrams).as("nothing leaves before the flush").isEmpty();
        bundler.flush(0, false);
        assertThat(to).containsExactly(B, A, C);
        assertThat(datagrams).allSatisfy(d -> assertThat(d).isEqualTo(lone));
        assertThat(bundler.framesQueued()).isEqualTo(3);
        assertThat(bundler.datagramsFlushed()).isEqualTo(3);
        assertThat(bundler.payloadDatagrams()).isEqualTo(3);
        assertThat(bundler.bundlesFlushed()).isZero();
        bundler.flush(0, false);
        assertThat(datagrams).as("a second flush sends nothing again").hasSize(3);
    }

    @Test
    void anotherFrameForAListedDestinationStillSharesItsDatagram() {
        Bundler bundler = bundler(1400, 0);
        ByteBuffer scratch = ByteBuffer.allocate(1400);
        ByteBuffer control = ByteBuffer.allocate(1400);
        int length = frame(scratch, 1, 10);
        byte[] lone = Arrays.copyOf(scratch.array(), length);
        bundler.queueDistinct(A, scratch, length, 0, true);
        bundler.queueDistinct(B, scratch, length, 0, true);
        bundler.beforeOverwrite(control);
        bundler.queue(B, control, frame(control, 1, 20), 0, false);
        bundler.queueDistinct(C, scratch, length, 0, true);
        bundler.flush(0, false);
        assertThat(to).containsExactly(A, B, C);
        assertThat(datagrams.get(0)).isEqualTo(lone);
        assertThat(decode(datagrams.get(1))).containsExactly(10L, 20L);
        assertThat(datagrams.get(2)).isEqualTo(lone);
        assertThat(bundler.bundlesFlushed()).isEqualTo(1);
        assertThat(bundler.payloadDatagrams()).isEqualTo(3);
    }

    @Test
    void overwritingTheListedFramesBufferKeepsTheirBytes() {
        Bundler bundler = bundler(1400, 0);
        ByteBuffer scratch = ByteBuffer.allocate(1400);
        int length = frame(scratch, 1, 10);
        bundler.queueDistinct(A, scratch, length, 0, true);
        bundler.queueDistinct(B, scratch, length, 0, true);
        bundler.beforeOverwrite(scratch); // the next message of the same input
        int next = frame(scratch, 1, 30);
        bundler.queueDistinct(B, scratch, next, 0, true);
        bundler.queueDistinct(C, scratch, next, 0, true);
        bundler.flush(0, false);
        assertThat(to).containsExactly(A, B, C);
        assertThat(decode(datagrams.get(0))).containsExactly(10L);
        assertThat(decode(datagrams.get(1))).containsExactly(10L, 30L);
        assertThat(decode(datagrams.get(2))).containsExactly(30L);
    }

    @Test
    void withALingerDistinctPushesWaitLikeAnyFrame() {
        Bundler bundler = bundler(1400, 5 * MS);
        ByteBuffer scratch = ByteBuffer.allocate(1400);
        bundler.queueDistinct(A, scratch, frame(scratch, 1, 1), 0, true);
        bundler.flush(1 * MS, false);
        assertThat(datagrams).isEmpty();
        frame(scratch, 1, 2);
        bundler.queueDistinct(A, scratch, scratch.position(), 2 * MS, true);
        bundler.flush(5 * MS, false);
        assertThat(datagrams)
                .singleElement()
                .satisfies(d -> assertThat(decode(d)).containsExactly(1L, 2L));
    }

    @Test
    void aCodecWithoutBundlesSendsEachFrameAtOnce() {
        dev.gossip.spi.Codec plain = new dev.gossip.spi.Codec() {
            @Override
            public int gossipOverhead(NodeId origin) {
                return codec.gossipOverhead(origin);
            }

            @Override
            public void encodeGossip(long h, long l, NodeId o, int hops, ByteBuffer p, ByteBuffer dst) {
                codec.encodeGossip(h, l, o, hops, p, dst);
            }

            @Override
            public void encodeForward(GossipFrame received, ByteBuffer dst) {
                codec.encodeForward(received, dst);
            }

            @Override
            public void encodeMembership(MembershipMessage message, ByteBuffer dst) {
                codec.encodeMembership(message, dst);
            }

            @Override
            public void decode(ByteBuffer src, FrameHandler handler) {
                codec.decode(src, handler);
            }
        };
        Bundler bundler = new Bundler(plain, 1400, 0, (address, datagram) -> {
            to.add(address);
            return true;
        });
        ByteBuffer scratch = ByteBuffer.allocate(1400);
        bundler.queue(A, scratch, frame(scratch, 1, 1), 0, false);
        bundler.queue(A, scratch, frame(scratch, 1, 2), 0, false);
        assertThat(to).containsExactly(A, A);
        assertThat(bundler.enabled()).isFalse();
    }
}
