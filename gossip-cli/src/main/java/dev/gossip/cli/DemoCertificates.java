package dev.gossip.cli;

import dev.gossip.TransportConfig;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.KeyMaterial;
import dev.gossip.transport.dtls.ThrowawayCa;
import java.net.InetAddress;
import java.security.SecureRandom;

/**
 * The demo's certificates over {@code dtls}: a CA made in memory for this run and one node
 * certificate per node, none written to disk; they vanish with the process.
 */
final class DemoCertificates {

    private static final char[] PASSWORD = "demo".toCharArray();

    private final TransportConfig config;
    private final ThrowawayCa ca = ThrowawayCa.create("gossip demo CA", new SecureRandom());

    DemoCertificates(TransportConfig config) {
        this.config = config;
    }

    /** @return a transport for node {@code i}, with its own certificate from the demo CA */
    DtlsTransport transport(int i) {
        ThrowawayCa.Issued issued = ca.issue("demo-node-" + i, InetAddress.getLoopbackAddress());
        KeyMaterial keys = KeyMaterial.of(issued.keyStore(PASSWORD), PASSWORD, ca.trustStore());
        return new DtlsTransport(config, DtlsSettings.defaults(keys));
    }
}
