package dev.gossip;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a gossip cluster: what an application holds. Build one with
 * {@code dev.gossip.core.Gossip.builder(config)} (module {@code gossip-core}); start it, join
 * through a seed, broadcast bytes, receive messages through a {@link MessageListener}, leave, close.
 *
 * <pre>{@code
 * try (GossipNode node = Gossip.builder(GossipConfig.local()).build()) {
 *     node.addMessageListener(d -> System.out.println(new String(d.payloadBytes(), UTF_8)));
 *     node.start();
 *     node.join(List.of(Address.parse("127.0.0.1:7946")), Duration.ofSeconds(5));
 *     node.broadcast("hello".getBytes(UTF_8));
 * }
 * }</pre>
 *
 * <p>Threading: every method is thread-safe. Listeners run on the node's protocol thread.
 */
public interface GossipNode extends AutoCloseable {

    /**
     * The node's identity: its advertised address. Known once {@link #start()} has bound the
     * transport (a port 0 is resolved then).
     *
     * @return the id
     * @throws IllegalStateException before {@link #start()}
     */
    NodeId id();

    /**
     * Binds the transport and starts the protocol timer. The node is then reachable and may act as
     * a seed for others, but belongs to no cluster until it {@link #join joins} one or another node
     * joins through it.
     *
     * @throws TransportException if the transport cannot bind
     * @throws IllegalStateException if already started or closed
     */
    void start();

    /**
     * Joins the cluster through the first seed that answers: sends a subscription to each seed in
     * turn and waits until some node has taken this node into its partial view (so that it will
     * receive broadcasts). Seeds equal to this node are skipped.
     *
     * @param seeds one or more seed addresses, tried in order
     * @param timeout how long to wait in all
     * @throws JoinException if no seed accepted the subscription within the timeout
     * @throws IllegalStateException if the node is not running
     */
    void join(List<? extends Address> seeds, Duration timeout);

    /**
     * Starts joining as {@link #join} does and returns at once.
     *
     * @param seeds one or more seed addresses, tried in order
     * @param timeout how long to wait in all
     * @return completes when joined, or exceptionally with a {@link JoinException}
     */
    CompletableFuture<Void> joinAsync(List<? extends Address> seeds, Duration timeout);

    /**
     * Broadcasts a message to the whole cluster: it is sent to every member of the partial view,
     * which forward it on first receipt.
     *
     * @param payload the bytes to send; copied before the call returns
     * @return the message id, as receivers will see it
     * @throws PayloadTooLargeException if the payload, or its encoded frame, is over the limit
     * @throws IllegalStateException if the node is not running
     */
    MessageId broadcast(byte[] payload);

    /**
     * Broadcasts the remaining bytes of {@code payload}; see {@link #broadcast(byte[])}. The buffer's
     * position is not changed.
     *
     * @param payload the bytes to send; read before the call returns
     * @return the message id
     */
    MessageId broadcast(ByteBuffer payload);

    /**
     * Adds a listener for delivered messages.
     *
     * @param listener the listener
     * @return a registration whose {@code close()} removes it
     */
    Registration addMessageListener(MessageListener listener);

    /**
     * Adds a listener for view changes.
     *
     * @param listener the listener
     * @return a registration whose {@code close()} removes it
     */
    Registration addViewListener(ViewListener listener);

    /**
     * Leaves the cluster gracefully: tells the nodes that gossip to this one how to repair their
     * views without it. The node stops forwarding but stays bound until {@link #close()}.
     * Does nothing if the node is not running.
     */
    void leave();

    /** @return a consistent copy of the node's views and counters */
    NodeSnapshot snapshot();

    /**
     * Stops the timer and releases the transport. Does not leave gracefully: call {@link #leave()}
     * first for that. Idempotent.
     */
    @Override
    void close();
}
