package dev.gossip.core.security;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.spi.Transport;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} that seals every datagram it sends with AES-GCM under the keyring's primary
 * key, and opens every datagram it receives with whichever installed key it names. Wraps any
 * transport; create one with {@link Encryption#wrap(Transport)}.
 *
 * <p>A received datagram is dropped, reported to the receiver's
 * {@link Transport.Receiver#onDrop onDrop} as {@link DropReason#AUTHENTICATION_FAILED} and counted
 * in {@link #stats()}, when it is too short or does not start with the sealed header (plaintext
 * and garbage), names a key not installed, fails authentication (wrong key, another cluster's
 * label, any flipped bit), or repeats or falls too far behind its sender's counter (replay). The
 * receiver sees only opened plaintext.
 *
 * <p>{@link #maxDatagramBytes()} is the wrapped transport's less {@link Encryption#OVERHEAD_BYTES}.
 * Thread-safe as the SPI requires: {@link #send} may be called concurrently (each thread seals with
 * its own cipher and buffer); receive callbacks may come from several transport threads.
 */
public final class EncryptedTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(EncryptedTransport.class.getName());
    /** Per thread, shared by every wrapper on it: a node forwarding on a dispatcher thread reuses it. */
    private static final ThreadLocal<SealedFrame> FRAMES = ThreadLocal.withInitial(SealedFrame::new);

    private final Transport delegate;
    private final Keyring keyring;
    private final byte[] label;
    private final ReplayGuard replay;
    private final long senderBase = new SecureRandom().nextLong();
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder sealed = new LongAdder();
    private final LongAdder sealFailures = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder replays = new LongAdder();

    /**
     * Counters of one wrapper since it was created.
     *
     * @param sealed datagrams sealed and handed to the wrapped transport
     * @param sealFailures datagrams not sent because sealing failed or they were too large
     * @param opened datagrams authenticated and passed to the receiver
     * @param rejected datagrams dropped as {@link DropReason#AUTHENTICATION_FAILED}, replays included
     * @param replays of those, the ones that repeated or fell behind their sender's counter
     * @param trackedSenders senders with a replay window now
     * @param evictedSenders replay windows evicted to keep the bound
     */
    public record Stats(
            long sealed,
            long sealFailures,
            long opened,
            long rejected,
            long replays,
            int trackedSenders,
            long evictedSenders) {}

    EncryptedTransport(Transport delegate, Encryption encryption) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.keyring = encryption.keyring();
        this.label = encryption.clusterLabel().getBytes(StandardCharsets.UTF_8);
        this.replay = new ReplayGuard(encryption.maxTrackedSenders());
    }

    @Override
    public Address start(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        return delegate.start(new Opener(receiver));
    }

    @Override
    public @Nullable Address localAddress() {
        return delegate.localAddress();
    }

    @Override
    public int maxDatagramBytes() {
        return Math.max(0, delegate.maxDatagramBytes() - SealedFrame.OVERHEAD);
    }

    @Override
    public boolean send(Address to, ByteBuffer datagram) {
        if (datagram.remaining() > maxDatagramBytes()) {
            sealFailures.increment();
            return false;
        }
        long n = sequence.getAndIncrement();
        try {
            ByteBuffer out =
                    FRAMES.get().seal(keyring.snapshot().primary(), senderBase + (n >>> 32), (int) n, label, datagram);
            if (!delegate.send(to, out)) {
                return false;
            }
            sealed.increment();
            return true;
        } catch (GeneralSecurityException | RuntimeException e) { // never thrown out of send
            sealFailures.increment();
            LOG.log(Level.DEBUG, "sealing a datagram failed", e);
            return false;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** @return the counters so far */
    public Stats stats() {
        return new Stats(
                sealed.sum(),
                sealFailures.sum(),
                opened.sum(),
                rejected.sum(),
                replays.sum(),
                replay.senders(),
                replay.evictions());
    }

    /** @return the wrapped transport */
    public Transport delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "EncryptedTransport[" + delegate + ", " + keyring + "]";
    }

    /** Opens what the wrapped transport receives and passes plaintext on. */
    private final class Opener implements Receiver {
        private final Receiver inner;

        Opener(Receiver inner) {
            this.inner = inner;
        }

        @Override
        public void onDatagram(Address from, ByteBuffer datagram) {
            ByteBuffer plain = open(datagram);
            if (plain == null) {
                inner.onDrop(from, DropReason.AUTHENTICATION_FAILED);
                return;
            }
            opened.increment();
            inner.onDatagram(from, plain);
        }

        @Override
        public void onDrop(@Nullable Address from, DropReason reason) {
            inner.onDrop(from, reason);
        }

        /** @return the plaintext, or {@code null} after counting why not */
        private @Nullable ByteBuffer open(ByteBuffer datagram) {
            try {
                if (!SealedFrame.looksSealed(datagram)) {
                    rejected.increment();
                    return null;
                }
                Keyring.Key key = keyring.snapshot().find(SealedFrame.keyFingerprint(datagram));
                long sender = SealedFrame.sender(datagram);
                long counter = SealedFrame.counter(datagram);
                if (key == null) {
                    rejected.increment();
                    return null;
                }
                if (!replay.mightAccept(sender, counter)) {
                    rejected.increment();
                    replays.increment();
                    return null;
                }
                ByteBuffer plain = FRAMES.get().open(key, label, datagram);
                if (!replay.accept(sender, counter)) { // a copy won the race since the pre-check
                    rejected.increment();
                    replays.increment();
                    return null;
                }
                return plain;
            } catch (GeneralSecurityException | RuntimeException e) { // bad tag, or anything else
                rejected.increment();
                return null;
            }
        }
    }
}
