package dev.gossip.example.transport;

import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.TransportContract;

/** The contract every transport keeps, from gossip-testkit, run against the queue transport. */
class QueueTransportTest extends TransportContract {

    @Override
    protected Transport newTransport(TransportConfig config) {
        return new QueueTransportProvider().create(config);
    }

    @Override
    protected TransportConfig.Builder baseConfig() {
        return TransportConfig.builder().bind("queue:"); // a fresh name for each transport
    }
}
