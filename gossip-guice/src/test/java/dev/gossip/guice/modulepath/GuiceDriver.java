package dev.gossip.guice.modulepath;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.TransportConfig;
import dev.gossip.guice.GossipModule;
import dev.gossip.spi.MembershipProvider;

/**
 * Builds an injector from {@link GossipModule}, starts the node it binds and prints where the
 * pieces came from; exit status 0 if the node ran.
 */
public final class GuiceDriver {

    private GuiceDriver() {}

    public static void main(String[] args) {
        GossipConfig config = GossipConfig.local().toBuilder()
                .transport(TransportConfig.builder().bind("mem:guice").build())
                .build();
        Injector injector = Guice.createInjector(new GossipModule(config));
        try (GossipNode node = injector.getInstance(GossipNode.class)) {
            node.start();
            System.out.println(
                    "GossipModule from module " + GossipModule.class.getModule().getName());
            System.out.println("membership from module "
                    + injector.getInstance(MembershipProvider.class)
                            .getClass()
                            .getModule()
                            .getName());
            System.out.println("node " + node.id() + " " + node.snapshot().state() + " in module "
                    + node.getClass().getModule().getName());
        }
    }
}
