package dev.gossip.core.security;

import dev.gossip.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Settings of authenticated encryption for a node: the {@link Keyring}, an optional cluster label
 * and the replay protection's bound. Immutable (the keyring it holds is the mutable, thread-safe
 * part). {@link #wrap(Transport)} returns an {@link EncryptedTransport}; the node builder in
 * {@code gossip-core} does it for you:
 * <pre>{@code
 * Keyring keyring = Keyring.of(key);
 * GossipNode node = Gossip.builder(config)
 *         .encryption(Encryption.builder(keyring).clusterLabel("payments-prod").build())
 *         .build();
 * }</pre>
 *
 * <p>See {@code docs/security.md} for the threat model: what is and is not protected.
 *
 * @param keyring the keys; shared by reference, so that rotating keys on it affects running nodes
 * @param clusterLabel bound into every datagram as associated data: two clusters with different
 *     labels reject each other's datagrams even if they share a key. Empty for none (default).
 *     At most {@value #MAX_LABEL_BYTES} bytes of UTF-8.
 * @param maxTrackedSenders how many senders' replay windows are kept, the least recently heard
 *     evicted first; each costs about 200 bytes. Default {@value #DEFAULT_MAX_TRACKED_SENDERS}:
 *     set it above the number of nodes (counting restarts, which make new sender ids) that can
 *     send to one node within a few minutes.
 */
public record Encryption(Keyring keyring, String clusterLabel, int maxTrackedSenders) {

    /** Default {@link #maxTrackedSenders()}. */
    public static final int DEFAULT_MAX_TRACKED_SENDERS = 4096;
    /** The longest {@link #clusterLabel()}, in UTF-8 bytes. */
    public static final int MAX_LABEL_BYTES = 255;
    /** Bytes each datagram grows by: a 20-byte header and a 16-byte tag. */
    public static final int OVERHEAD_BYTES = SealedFrame.OVERHEAD;

    /**
     * Validates every component.
     *
     * @throws NullPointerException if {@code keyring} or {@code clusterLabel} is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public Encryption {
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(clusterLabel, "clusterLabel");
        if (clusterLabel.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
            throw new IllegalArgumentException("clusterLabel must be at most " + MAX_LABEL_BYTES
                    + " bytes of UTF-8, was " + clusterLabel.getBytes(StandardCharsets.UTF_8).length);
        }
        if (maxTrackedSenders < 1 || maxTrackedSenders > 1 << 20) {
            throw new IllegalArgumentException("maxTrackedSenders must be in 1..1048576, was " + maxTrackedSenders);
        }
    }

    /**
     * @param keyring the keys
     * @return a builder with no label and the default bound
     */
    public static Builder builder(Keyring keyring) {
        return new Builder(keyring);
    }

    /**
     * @param keyring the keys
     * @return encryption with no label and the default bound
     */
    public static Encryption of(Keyring keyring) {
        return builder(keyring).build();
    }

    /**
     * Wraps a transport, not yet started: datagrams it sends are sealed, datagrams it receives are
     * opened, and any that fail are dropped as {@link dev.gossip.DropReason#AUTHENTICATION_FAILED}.
     *
     * @param transport the transport to wrap; the wrapper starts and closes it
     * @return the wrapper
     */
    public EncryptedTransport wrap(Transport transport) {
        return new EncryptedTransport(transport, this);
    }

    /** Builds {@link Encryption}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private final Keyring keyring;
        private String clusterLabel = "";
        private int maxTrackedSenders = DEFAULT_MAX_TRACKED_SENDERS;

        private Builder(Keyring keyring) {
            this.keyring = Objects.requireNonNull(keyring, "keyring");
        }

        /** @param label see {@link Encryption#clusterLabel()} @return this */
        public Builder clusterLabel(String label) {
            this.clusterLabel = Objects.requireNonNull(label, "clusterLabel");
            return this;
        }

        /** @param max see {@link Encryption#maxTrackedSenders()} @return this */
        public Builder maxTrackedSenders(int max) {
            this.maxTrackedSenders = max;
            return this;
        }

        /** @return the validated settings */
        public Encryption build() {
            return new Encryption(keyring, clusterLabel, maxTrackedSenders);
        }
    }
}
