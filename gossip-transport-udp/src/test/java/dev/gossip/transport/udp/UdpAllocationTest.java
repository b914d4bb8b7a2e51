package dev.gossip.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.IpAddress;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Measures the bytes allocated per datagram by the sending thread and by the receive thread once
 * warm. The bound is loose (the JIT may not have compiled everything); a regression that allocates
 * per datagram (a wrapper, an address, a lambda) shows as tens of bytes or more.
 */
class UdpAllocationTest {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;

    @Test
    void sendAndReceivePathsAllocateAlmostNothingPerDatagram() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TransportConfig config = TransportConfig.builder().bind("127.0.0.1:0").build();
        AtomicLong received = new AtomicLong();
        AtomicLong rxThreadId = new AtomicLong(-1);
        Transport.Receiver counting = (from, datagram) -> {
            rxThreadId.compareAndSet(-1, Thread.currentThread().getId());
            received.incrementAndGet();
        };
        try (UdpTransport a = new UdpTransport(config);
                UdpTransport b = new UdpTransport(config)) {
            a.start((from, datagram) -> {});
            IpAddress to = (IpAddress) b.start(counting);
            ByteBuffer heap = ByteBuffer.allocate(200);

            long sentOk = sendAll(a, to, heap, WARM_UP);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.get() >= sentOk * 9 / 10);
            long rxBefore = threads.getThreadAllocatedBytes(rxThreadId.get());
            long receivedBefore = received.get();
            long txBefore =
                    threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            long measuredOk = sendAll(a, to, heap, MEASURED);
            long txBytes =
                    threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - txBefore;
            await().atMost(Duration.ofSeconds(20)).until(() -> received.get() - receivedBefore >= measuredOk * 9 / 10);
            long rxBytes = threads.getThreadAllocatedBytes(rxThreadId.get()) - rxBefore;
            long rxCount = received.get() - receivedBefore;

            double perSend = (double) txBytes / MEASURED;
            double perReceive = (double) rxBytes / rxCount;
            System.out.printf(
                    "udp allocation: %.2f B/send over %d sends, %.2f B/receive over %d datagrams%n",
                    perSend, MEASURED, perReceive, rxCount);
            assertThat(perSend).as("bytes allocated per send").isLessThan(8.0);
            assertThat(perReceive).as("bytes allocated per receive").isLessThan(8.0);
        }
    }

    private static long sendAll(UdpTransport from, IpAddress to, ByteBuffer heap, int count) {
        long ok = 0;
        for (int i = 0; i < count; i++) {
            heap.clear();
            ok += from.send(to, heap) ? 1 : 0;
        }
        return ok;
    }
}
