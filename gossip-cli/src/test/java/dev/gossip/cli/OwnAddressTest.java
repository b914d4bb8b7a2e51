package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.Gossip;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

class OwnAddressTest {

    @Test
    void recognisesItsOwnAddressAlsoBehindAWildcardBind() {
        Address self = Address.parse("127.0.0.1:7946");
        assertThat(OwnAddress.isSelf(self, self, self)).isTrue();
        assertThat(OwnAddress.isSelf(Address.parse("127.0.0.1:7947"), self, self))
                .isFalse();
        Address wildcard = Address.parse("0.0.0.0:7946");
        assertThat(OwnAddress.isSelf(Address.parse("127.0.0.1:7946"), Address.parse("192.0.2.1:7946"), wildcard))
                .isTrue();
        assertThat(OwnAddress.isSelf(Address.parse("192.0.2.77:7946"), Address.parse("192.0.2.1:7946"), wildcard))
                .isFalse();
    }

    @Test
    void aNodeWhoseOnlySeedIsItselfIsAUsageError() {
        // A real node holds the port, so the address is free for no one else during the run.
        try (GossipNode holder = Gossip.builder(GossipConfig.local().toBuilder()
                                .transportProvider("udp")
                                .build())
                        .build();
                ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            holder.start();
            String port = holder.id().address().toString().replaceAll(".*:", "");
            holder.close();
            String self = "127.0.0.1:" + port;
            CliRun run = CliRun.execute(context, "node", "--preset", "local", "--bind", self, "--seed", self);
            assertThat(run.code()).as(run.err()).isEqualTo(GossipCli.EXIT_USAGE);
            assertThat(run.err().lines())
                    .containsExactly("gossip node: --seed " + self + " is this node's own address (" + self
                            + "): give another node to join through, or no --seed to start a cluster (see"
                            + " 'gossip node --help')");
            CliRun send = CliRun.execute(context, "send", "--preset", "local", "--bind", self, "--seed", self, "x");
            assertThat(send.code()).as(send.err()).isEqualTo(GossipCli.EXIT_USAGE);
            assertThat(send.err()).contains("is this node's own address");
        }
    }
}
