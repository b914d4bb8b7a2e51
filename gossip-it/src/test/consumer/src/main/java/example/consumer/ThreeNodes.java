package example.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.Gossip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Three nodes over UDP on 127.0.0.1, built from the deployed gossip artifacts alone: two join
 * through the first, each broadcasts {@value #PER_NODE} messages, and every node must deliver
 * every message of the two others. Prints {@code consumer: delivered N/N}; {@code main} exits 0 only
 * when nothing is missing. ThreeNodesTest runs it in this project's build.
 */
public final class ThreeNodes {

    private static final int NODES = 3;
    private static final int PER_NODE = 5;

    /** Deliveries a complete run counts: each node gets every message of the two others. */
    public static final int EXPECTED = NODES * (NODES - 1) * PER_NODE;

    private ThreeNodes() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run() == EXPECTED ? 0 : 1);
    }

    /**
     * Runs the cluster, prints what each node got, and returns the number of deliveries counted
     * within 30 s ({@link #EXPECTED} when complete).
     */
    public static long run() throws InterruptedException {
        int expected = EXPECTED;
        CountDownLatch delivered = new CountDownLatch(expected);
        List<Set<String>> received = new ArrayList<>();
        List<GossipNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                String self = "node " + i;
                Set<String> seen = ConcurrentHashMap.newKeySet();
                received.add(seen);
                // udp is the only transport on this class path: nothing needs choosing.
                GossipNode node = Gossip.builder(GossipConfig.local()).build();
                node.addMessageListener(delivery -> {
                    String text = new String(delivery.payloadBytes(), UTF_8);
                    if (!text.startsWith(self + ":") && seen.add(text)) {
                        delivered.countDown();
                    }
                });
                node.start();
                nodes.add(node);
            }
            List<Address> seed = List.of(Address.parse(nodes.get(0).id().toString()));
            for (int i = 1; i < NODES; i++) {
                nodes.get(i).join(seed, Duration.ofSeconds(10));
            }
            for (int m = 0; m < PER_NODE; m++) {
                for (int i = 0; i < NODES; i++) {
                    nodes.get(i).broadcast(("node " + i + ": message " + m).getBytes(UTF_8));
                }
            }
            delivered.await(30, TimeUnit.SECONDS);
            long got = expected - delivered.getCount();
            System.out.printf("consumer: delivered %d/%d%n", got, expected);
            for (int i = 0; i < NODES; i++) {
                System.out.printf(
                        "consumer: node %d (%s) got %d%n",
                        i, nodes.get(i).id(), received.get(i).size());
            }
            return got;
        } finally {
            nodes.forEach(GossipNode::close);
        }
    }
}
