package dev.gossip.example.modulepath;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.core.ProviderDiscovery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a 3-node cluster over each transport named in {@code args} (found by ServiceLoader) and
 * prints, per transport, the modules the providers came from. Exit status 0 when every node got
 * every other node's broadcast, 1 otherwise. Run by {@code ModulePathTest} with the library modules
 * on the module path and this class on the class path.
 */
public final class ModulePathDriver {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ModulePathDriver() {}

    public static void main(String[] args) throws Exception {
        ClassLoader loader = ModulePathDriver.class.getClassLoader();
        boolean ok = true;
        for (String transport : args) {
            ok &= cluster(transport, loader);
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean cluster(String transport, ClassLoader loader) throws InterruptedException {
        List<GossipNode> nodes = new ArrayList<>();
        CountDownLatch deliveries = new CountDownLatch(6); // 3 broadcasts, each to 2 other nodes
        try {
            for (int i = 0; i < 3; i++) {
                GossipConfig config = config(transport, i);
                if (i == 0) {
                    System.out.println(transport + " transport from module "
                            + moduleOf(ProviderDiscovery.transport(config, loader)) + ", codec from module "
                            + moduleOf(ProviderDiscovery.codec(config, loader)));
                }
                if (i == 0) {
                    System.out.println(transport + " membership from module "
                            + moduleOf(ProviderDiscovery.membership(config, loader)));
                }
                GossipNode node = Gossip.builder(config).classLoader(loader).build();
                node.addMessageListener(d -> deliveries.countDown());
                node.start();
                nodes.add(node);
            }
            List<Address> seed = List.of(nodes.get(0).id().address());
            nodes.get(1).join(seed, WAIT);
            nodes.get(2).join(seed, WAIT);
            for (GossipNode node : nodes) {
                node.broadcast(("from " + node.id()).getBytes(StandardCharsets.UTF_8));
            }
            boolean delivered = deliveries.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            System.out.println(transport + " cluster of "
                    + nodes.get(0).getClass().getModule().getName() + " nodes: "
                    + (delivered ? "every broadcast delivered" : deliveries.getCount() + " deliveries missing"));
            return delivered;
        } finally {
            nodes.forEach(GossipNode::close);
        }
    }

    private static GossipConfig config(String transport, int index) {
        String bind = switch (transport) {
            case "udp" -> "127.0.0.1:0";
            case "inmem" -> "mem:node-" + index;
            default -> transport + ":node-" + index;
        };
        return GossipConfig.local().toBuilder()
                .transportProvider(transport)
                .transport(TransportConfig.builder().bind(bind).build())
                .build();
    }

    private static String moduleOf(Object provider) {
        return provider.getClass().getModule().getName();
    }
}
