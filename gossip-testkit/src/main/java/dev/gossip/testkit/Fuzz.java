package dev.gossip.testkit;

import dev.gossip.Address;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.MembershipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of random protocol values for property-style tests: addresses of every kind,
 * node ids, membership messages, byte arrays, and mutations of valid frames. The same seed gives the
 * same sequence, so a failing case reproduces from the seed a test prints.
 */
public final class Fuzz {

    private final long seed;
    private final SplittableRandom random;

    /** @param seed the seed; print it in assertion messages */
    public Fuzz(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** @return the seed this generator started from */
    public long seed() {
        return seed;
    }

    /** @return the underlying generator, for draws this class does not offer */
    public SplittableRandom random() {
        return random;
    }

    /**
     * @param maxLength the largest length, inclusive
     * @return random bytes of a random length in 0..maxLength
     */
    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** @return an IPv4, IPv6 or opaque address, each a third of the time */
    public Address address() {
        switch (random.nextInt(3)) {
            case 0: {
                byte[] ip = new byte[4];
                random.nextBytes(ip);
                return IpAddress.of(ip, random.nextInt(65536));
            }
            case 1: {
                byte[] ip = new byte[16];
                random.nextBytes(ip);
                return IpAddress.of(ip, random.nextInt(65536));
            }
            default:
                return OpaqueAddress.of(letters(1 + random.nextInt(8)), text(random.nextInt(41)));
        }
    }

    /** @return a node id at a random {@link #address()} */
    public NodeId nodeId() {
        return new NodeId(address());
    }

    /**
     * @param maxNodes the largest node list, at most {@link MembershipMessage#MAX_NODES}
     * @return a membership message with random fields in their valid ranges, subject null 30% of the time
     */
    public MembershipMessage membershipMessage(int maxNodes) {
        List<NodeId> nodes = new ArrayList<>();
        int count = random.nextInt(maxNodes + 1);
        for (int i = 0; i < count; i++) {
            nodes.add(nodeId());
        }
        NodeId subject = random.nextInt(10) < 3 ? null : nodeId();
        return new MembershipMessage(
                random.nextInt(MembershipMessage.MAX_TYPE + 1),
                nodeId(),
                subject,
                random.nextInt(MembershipMessage.MAX_COUNTER + 1),
                nodes);
    }

    /**
     * Flips between 1 and {@code maxFlips} random bytes of a copy of {@code frame} to other values.
     *
     * @param frame a valid frame, at least one byte
     * @param maxFlips the most bytes changed
     * @return the mutated copy
     */
    public byte[] mutate(byte[] frame, int maxFlips) {
        byte[] mutated = frame.clone();
        int flips = 1 + random.nextInt(maxFlips);
        for (int i = 0; i < flips; i++) {
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return mutated;
    }

    private String letters(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private String text(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // Mostly printable ASCII, sometimes a multi-byte character.
            sb.append(random.nextInt(8) == 0 ? 'é' : (char) (' ' + random.nextInt(95)));
        }
        return sb.toString();
    }
}
