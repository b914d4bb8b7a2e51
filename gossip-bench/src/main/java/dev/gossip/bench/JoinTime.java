package dev.gossip.bench;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.spi.Transport;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.KeyMaterial;
import dev.gossip.transport.dtls.ThrowawayCa;
import dev.gossip.transport.udp.UdpTransport;
import java.io.PrintStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How long {@link GossipNode#join} takes over {@code udp} and over {@code dtls} on 127.0.0.1: a seed
 * node per transport, then in each round a new node joins through it and is closed (over dtls the
 * join includes the handshake: a new node has no session). The transports alternate round by
 * round so that load changing during the run falls on both. Local preset, real SCAMP.
 */
final class JoinTime {

    private static final char[] PASSWORD = "bench".toCharArray();

    private JoinTime() {}

    /** Measures {@code rounds} joins per transport and prints the medians and their ratio. */
    static void measure(int rounds, PrintStream out) {
        if (rounds < 1) {
            return;
        }
        ThrowawayCa ca = ThrowawayCa.create("bench CA", new SecureRandom());
        TransportConfig loopback = UdpPath.transportConfig();
        GossipConfig config =
                GossipConfig.local().toBuilder().transport(loopback).build();
        Supplier<Transport> udp = () -> new UdpTransport(loopback);
        Supplier<Transport> dtls = () -> {
            ThrowawayCa.Issued issued = ca.issue("node", InetAddress.getLoopbackAddress());
            return new DtlsTransport(
                    loopback,
                    DtlsSettings.defaults(KeyMaterial.of(issued.keyStore(PASSWORD), PASSWORD, ca.trustStore())));
        };
        double[] udpMillis = new double[rounds];
        double[] dtlsMillis = new double[rounds];
        try (GossipNode udpSeed = node(config, udp);
                GossipNode dtlsSeed = node(config, dtls)) {
            udpSeed.start();
            dtlsSeed.start();
            join(config, udp, udpSeed); // warm-up, not counted
            join(config, dtls, dtlsSeed);
            for (int r = 0; r < rounds; r++) {
                udpMillis[r] = join(config, udp, udpSeed);
                dtlsMillis[r] = join(config, dtls, dtlsSeed);
            }
        }
        double udpMedian = UdpRatioTable.quantile(udpMillis, 0.5);
        double dtlsMedian = UdpRatioTable.quantile(dtlsMillis, 0.5);
        out.printf(
                Locale.ROOT,
                "join time over %d rounds (a new node joining through one seed, local preset): udp median %.1f ms"
                        + " [p90 %.1f], dtls median %.1f ms [p90 %.1f]; dtls/udp %.2f%n",
                rounds,
                udpMedian,
                UdpRatioTable.quantile(udpMillis, 0.9),
                dtlsMedian,
                UdpRatioTable.quantile(dtlsMillis, 0.9),
                dtlsMedian / udpMedian);
        out.flush();
    }

    private static GossipNode node(GossipConfig config, Supplier<Transport> transport) {
        return Gossip.builder(config).transport(transport.get()).build();
    }

    private static double join(GossipConfig config, Supplier<Transport> transport, GossipNode seed) {
        try (GossipNode joiner = node(config, transport)) {
            joiner.start();
            long start = System.nanoTime();
            joiner.join(List.of(seed.id().address()), Duration.ofSeconds(10));
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
