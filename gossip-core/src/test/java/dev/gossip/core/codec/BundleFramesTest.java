package dev.gossip.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.DropReason;
import dev.gossip.NodeId;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bundles (frame type 4) and the tree's control kinds of the binary format. */
@Timeout(30)
class BundleFramesTest {

    private static final NodeId ORIGIN = NodeId.parse("127.0.0.1:7001");
    private final BinaryCodec codec = new BinaryCodec(1024);

    /** Records what each decode handed over, as text. */
    private static final class Events implements FrameHandler {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onGossip(GossipFrame frame) {
            seen.add("gossip " + frame.idLow() + " " + frame.payload().remaining());
        }

        @Override
        public void onMembership(MembershipMessage message) {
            seen.add("membership " + message.type());
        }

        @Override
        public void onDigest(DigestFrame frame) {
            seen.add("digest " + frame.kind() + " " + frame.count());
        }

        @Override
        public void onDrop(DropReason reason) {
            seen.add("drop " + reason);
        }
    }

    private byte[] gossip(long id, int payload) {
        ByteBuffer b = ByteBuffer.allocate(1400);
        codec.encodeGossip(1, id, ORIGIN, 0, ByteBuffer.allocate(payload), b);
        return Arrays.copyOf(b.array(), b.position());
    }

    private byte[] ids(int kind, int count) {
        ByteBuffer b = ByteBuffer.allocate(1400);
        codec.encodeDigest(kind, new long[2 * count], count, b);
        return Arrays.copyOf(b.array(), b.position());
    }

    private byte[] bundle(byte[]... frames) {
        ByteBuffer b = ByteBuffer.allocate(4000);
        codec.encodeBundleHeader(b);
        for (byte[] f : frames) {
            codec.encodeBundleEntry(f.length, b);
            b.put(f);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private List<String> decode(byte[] bytes) {
        Events events = new Events();
        codec.decode(ByteBuffer.wrap(bytes), events);
        return events.seen;
    }

    @Test
    void aBundleHandsOverEachFrameInOrder() {
        byte[] bundle = bundle(gossip(5, 10), ids(DigestFrame.IHAVE, 3), ids(DigestFrame.PRUNE, 0), gossip(6, 0));
        assertThat(decode(bundle)).containsExactly("gossip 5 10", "digest 4 3", "digest 6 0", "gossip 6 0");
        assertThat(codec.bundleHeaderBytes() + 4 * codec.bundleEntryBytes())
                .as("the overhead of four frames")
                .isEqualTo(12);
    }

    @Test
    void treeKindsRoundTripAndUnknownKindsAreMalformed() {
        for (int kind = DigestFrame.DIGEST; kind <= DigestFrame.MAX_KIND; kind++) {
            assertThat(decode(ids(kind, 2))).containsExactly("digest " + kind + " 2");
        }
        byte[] unknown = ids(DigestFrame.GRAFT, 1);
        unknown[4] = (byte) (DigestFrame.MAX_KIND + 1);
        assertThat(decode(unknown)).containsExactly("drop MALFORMED");
    }

    @Test
    void aBadFrameInsideABundleIsDroppedAloneButABrokenBundleHandsOverNothing() {
        byte[] bad = gossip(7, 3);
        bad[0] = 0;
        assertThat(decode(bundle(gossip(5, 1), bad))).containsExactly("gossip 5 1", "drop BAD_MAGIC");
        assertThat(decode(bundle())).containsExactly("drop TRUNCATED");
        assertThat(decode(bundle(bundle(gossip(5, 1))))).containsExactly("drop MALFORMED");
        byte[] whole = bundle(gossip(5, 1), gossip(6, 1));
        assertThat(decode(Arrays.copyOf(whole, whole.length - 1))).containsExactly("drop TRUNCATED");
        byte[] tiny = bundle(gossip(5, 1));
        tiny[4] = 0;
        tiny[5] = 2;
        assertThat(decode(Arrays.copyOf(tiny, 8))).containsExactly("drop MALFORMED");
    }

    @Test
    void randomBytesAfterABundleHeaderNeverThrow() {
        long seed = 99;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[4 + random.nextInt(200)];
            random.nextBytes(bytes);
            bytes[0] = 0x67;
            bytes[1] = 0x73;
            bytes[2] = 1;
            bytes[3] = 4;
            assertThat(decode(bytes)).as("seed %d, case %d", seed, i).isNotEmpty();
        }
    }
}
