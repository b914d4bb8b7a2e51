package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.Delivery;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.core.security.Encryption;
import dev.gossip.core.security.Keyring;
import dev.gossip.testkit.StaticMembership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The builder's encryption hook: encrypted nodes talk, others are counted as authentication failures. */
class EncryptedNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER = new byte[16];

    private final LoopbackNetwork network = new LoopbackNetwork();
    private final List<GossipNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(GossipNode::close);
        network.close();
    }

    private GossipNode node(String name, Gossip.Builder builder) {
        GossipNode node = builder.transport(network.transport(name))
                .codec(new BinaryCodecProvider())
                .membership(StaticMembership.empty())
                .random(new SplittableRandom(nodes.size()))
                .build();
        nodes.add(node);
        node.start();
        return node;
    }

    private static long authFailures(GossipNode node) {
        return node.snapshot().drops().getOrDefault(DropReason.AUTHENTICATION_FAILED, 0L);
    }

    @Test
    void encryptedNodesJoinAndDeliverOthersAreDropped() {
        Keyring keyring = Keyring.of(KEY);
        GossipNode a = node("a", Gossip.builder(GossipConfig.local()).keyring(keyring));
        GossipNode b = node(
                "b",
                Gossip.builder(GossipConfig.local())
                        .encryption(Encryption.builder(Keyring.of(KEY)).build()));
        GossipNode plain = node("plain", Gossip.builder(GossipConfig.local()));
        GossipNode wrongKey = node("wrong", Gossip.builder(GossipConfig.local()).keyring(Keyring.of(OTHER)));
        List<Delivery> atB = new CopyOnWriteArrayList<>();
        b.addMessageListener(atB::add);

        b.join(List.of(a.id().address()), WAIT);
        await().atMost(WAIT).until(() -> a.snapshot().partialView().contains(b.id()));
        a.broadcast(new byte[] {42});
        await().atMost(WAIT).until(() -> atB.size() == 1);

        plain.joinAsync(List.of(a.id().address()), Duration.ofMillis(300));
        wrongKey.joinAsync(List.of(a.id().address()), Duration.ofMillis(300));
        await().atMost(WAIT).until(() -> authFailures(a) >= 2);
        assertThat(a.snapshot().partialView()).doesNotContain(plain.id(), wrongKey.id());
    }
}
