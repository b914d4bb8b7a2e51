package dev.gossip.example.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.TransportConfig;
import dev.gossip.TransportException;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.RecordingReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What is particular to the queue transport, beyond the contract. */
class QueueTransportProviderTest {

    private final QueueTransportProvider provider = new QueueTransportProvider();
    private Transport first;
    private Transport second;

    @AfterEach
    void close() {
        for (Transport t : new Transport[] {first, second}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Test
    void aNamedAddressIsKeptAndCannotBeTakenTwice() {
        first = provider.create(TransportConfig.builder().bind("queue:alice").build());
        assertThat(first.start(new RecordingReceiver()).toString()).isEqualTo("queue:alice");

        second = provider.create(TransportConfig.builder().bind("queue:alice").build());
        assertThatThrownBy(() -> second.start(new RecordingReceiver()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("queue:alice");
    }

    @Test
    void theNameIsFreeAgainOnceClosed() {
        first = provider.create(TransportConfig.builder().bind("queue:bob").build());
        first.start(new RecordingReceiver());
        first.close();
        second = provider.create(TransportConfig.builder().bind("queue:bob").build());
        assertThat(second.start(new RecordingReceiver()).toString()).isEqualTo("queue:bob");
    }

    @Test
    void otherAddressKindsAreRefusedWhenCreating() {
        assertThatThrownBy(() -> provider.create(
                        TransportConfig.builder().bind("127.0.0.1:0").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue:<name>");
        assertThatThrownBy(() ->
                        provider.create(TransportConfig.builder().bind("mem:x").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mem:x");
    }
}
