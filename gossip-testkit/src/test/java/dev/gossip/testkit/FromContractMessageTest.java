package dev.gossip.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.Address;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A transport that reports the "connection's" source port as {@code from}, as a naive TCP
 * transport would, fails the contract with a message that says what was compared and why.
 */
class FromContractMessageTest {

    /** Delivers in the sender's thread's stead on a new thread; reports a port nobody listens on. */
    private static final class EphemeralFromTransport implements Transport {
        private static final Map<Address, Receiver> BOUND = new ConcurrentHashMap<>();
        private static final AtomicInteger PORTS = new AtomicInteger(40_000);
        private volatile Address address;

        @Override
        public Address start(Receiver receiver) {
            address = Address.parse("127.0.0.1:" + PORTS.incrementAndGet());
            BOUND.put(address, receiver);
            return address;
        }

        @Override
        public Address localAddress() {
            return address;
        }

        @Override
        public int maxDatagramBytes() {
            return 1400;
        }

        @Override
        public boolean send(Address to, ByteBuffer datagram) {
            Receiver receiver = BOUND.get(to);
            if (address == null || receiver == null || datagram.remaining() > maxDatagramBytes()) {
                return false;
            }
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            Address ephemeral = Address.parse("127.0.0.1:" + (PORTS.incrementAndGet() + 10_000));
            Thread thread = new Thread(() -> receiver.onDatagram(ephemeral, ByteBuffer.wrap(bytes)));
            thread.start();
            return true;
        }

        @Override
        public void close() {
            Address a = address;
            if (a != null) {
                BOUND.remove(a);
            }
        }
    }

    private static final class Contract extends TransportContract {
        @Override
        protected Transport newTransport(TransportConfig config) {
            return new EphemeralFromTransport();
        }
    }

    @Test
    void aConnectionsSourcePortAsFromFailsNamingTheContract() {
        Contract contract = new Contract();
        try {
            assertThatThrownBy(contract::datagramArrivesOnceWithItsBytesAndTheSendersAddress)
                    .hasMessageContaining("Receiver.onDatagram's 'from' (actual) must be the sending transport's"
                            + " localAddress() (expected)")
                    .hasMessageContaining("handshake")
                    .hasMessageContaining("expected");
        } finally {
            contract.closeTransports();
        }
    }
}
