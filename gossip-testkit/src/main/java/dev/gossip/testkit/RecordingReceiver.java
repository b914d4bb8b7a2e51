package dev.gossip.testkit;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport.Receiver} that copies every datagram it is given (the transport reuses its
 * buffer) and remembers drops, for tests to inspect from any thread. An optional action runs after
 * each datagram is recorded: it may throw, interrupt, or scribble on the buffer to show that the
 * transport survives it.
 */
public final class RecordingReceiver implements Transport.Receiver {

    /**
     * One recorded datagram.
     *
     * @param from the sender as the transport reported it
     * @param bytes a copy of the datagram's bytes
     * @param thread the name of the thread that called the receiver
     */
    public record Received(Address from, byte[] bytes, String thread) {}

    /**
     * One recorded drop.
     *
     * @param from the sender, or {@code null} if the transport did not know it
     * @param reason why the transport dropped it
     */
    public record Dropped(@Nullable Address from, DropReason reason) {}

    private final ConcurrentLinkedQueue<Received> datagrams = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ConcurrentLinkedQueue<Dropped> drops = new ConcurrentLinkedQueue<>();
    private final Consumer<ByteBuffer> after;

    /** A receiver that only records. */
    public RecordingReceiver() {
        this(buffer -> {});
    }

    /**
     * A receiver that records each datagram and then runs {@code after} on the transport's buffer.
     *
     * @param after what to do once the datagram is recorded; may throw
     */
    public RecordingReceiver(Consumer<ByteBuffer> after) {
        this.after = Objects.requireNonNull(after, "after");
    }

    @Override
    public void onDatagram(Address from, ByteBuffer datagram) {
        byte[] copy = new byte[datagram.remaining()];
        datagram.duplicate().get(copy);
        datagrams.add(new Received(from, copy, Thread.currentThread().getName()));
        count.incrementAndGet();
        after.accept(datagram);
    }

    @Override
    public void onDrop(@Nullable Address from, DropReason reason) {
        drops.add(new Dropped(from, reason));
    }

    /** @return the datagrams recorded so far, in arrival order; a snapshot */
    public List<Received> datagrams() {
        return List.copyOf(datagrams);
    }

    /** @return how many datagrams were recorded so far */
    public int count() {
        return count.get();
    }

    /** @return the drops recorded so far, in order; a snapshot */
    public List<Dropped> drops() {
        return List.copyOf(drops);
    }
}
