package dev.gossip.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.DropReason;
import dev.gossip.testkit.RecordingReceiver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sealing and opening, and every way a datagram is rejected. */
class EncryptedTransportTest {

    private static final byte[] KEY = key(1);
    private static final byte[] OTHER_KEY = key(2);

    private final CapturingTransport rawA = new CapturingTransport("a", 1400);
    private final CapturingTransport rawB = new CapturingTransport("b", 1400);
    private final RecordingReceiver atB = new RecordingReceiver();

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        new SplittableRandom(seed).nextBytes(key);
        return key;
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private EncryptedTransport pair(Encryption sender, Encryption receiver) {
        EncryptedTransport a = sender.wrap(rawA);
        a.start(new RecordingReceiver());
        EncryptedTransport b = receiver.wrap(rawB);
        b.start(atB);
        return b;
    }

    private byte[] sealOne(EncryptedTransport a, String text) {
        assertThat(a.send(rawB.address, text(text))).isTrue();
        return rawA.sent.get(rawA.sent.size() - 1);
    }

    private long authFailures() {
        return atB.drops().stream()
                .filter(d -> d.reason() == DropReason.AUTHENTICATION_FAILED)
                .count();
    }

    @Test
    void aSealedDatagramOpensToThePlaintextAndHidesIt() {
        Encryption enc = Encryption.of(Keyring.of(KEY));
        EncryptedTransport a = enc.wrap(rawA);
        EncryptedTransport b = pair(enc, enc);
        byte[] sealed = sealOne(a, "hello, gossip");

        assertThat(sealed).hasSize(13 + Encryption.OVERHEAD_BYTES);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hello");
        rawB.receive(rawA.address, sealed);

        assertThat(atB.datagrams()).singleElement().satisfies(d -> {
            assertThat(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello, gossip");
            assertThat(d.from()).isEqualTo(rawA.address);
        });
        assertThat(b.stats().opened()).isEqualTo(1);
        assertThat(a.maxDatagramBytes()).isEqualTo(1400 - Encryption.OVERHEAD_BYTES);
    }

    @Test
    void plaintextWrongKeyAndOtherClusterAreRejected() {
        Encryption enc =
                Encryption.builder(Keyring.of(KEY)).clusterLabel("blue").build();
        EncryptedTransport b = pair(enc, enc);

        rawB.receive(rawA.address, "plain text datagram, long enough to pass".getBytes(StandardCharsets.UTF_8));
        rawB.receive(
                rawA.address,
                sealOne(
                        Encryption.builder(Keyring.of(OTHER_KEY))
                                .clusterLabel("blue")
                                .build()
                                .wrap(rawA),
                        "wrong key"));
        rawB.receive(
                rawA.address,
                sealOne(
                        Encryption.builder(Keyring.of(KEY))
                                .clusterLabel("green")
                                .build()
                                .wrap(rawA),
                        "other cluster"));
        rawB.receive(rawA.address, sealOne(Encryption.of(Keyring.of(KEY)).wrap(rawA), "no label"));

        assertThat(atB.count()).isZero();
        assertThat(authFailures()).isEqualTo(4);
        assertThat(b.stats().rejected()).isEqualTo(4);
    }

    @Test
    void everyTruncationAndEveryBitFlipIsRejected() {
        Encryption enc = Encryption.of(Keyring.of(KEY));
        EncryptedTransport a = enc.wrap(rawA);
        pair(enc, enc);
        byte[] sealed = sealOne(a, "integrity");
        int tries = 0;
        for (int length = 0; length < sealed.length; length++) {
            rawB.receive(rawA.address, java.util.Arrays.copyOf(sealed, length));
            tries++;
        }
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] flipped = sealed.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            rawB.receive(rawA.address, flipped);
            tries++;
        }
        assertThat(atB.count()).isZero();
        assertThat(authFailures()).isEqualTo(tries);

        rawB.receive(rawA.address, sealed);
        assertThat(atB.count()).as("the intact one still opens").isEqualTo(1);
    }

    @Test
    void replaysAreRejectedAndReorderingWithinTheWindowIsNot() {
        Encryption enc = Encryption.of(Keyring.of(KEY));
        EncryptedTransport a = enc.wrap(rawA);
        EncryptedTransport b = pair(enc, enc);
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < ReplayGuard.WINDOW + 10; i++) {
            sealed.add(sealOne(a, "m" + i));
        }
        rawB.receive(rawA.address, sealed.get(5));
        rawB.receive(rawA.address, sealed.get(3)); // late but within the window
        rawB.receive(rawA.address, sealed.get(5)); // replay
        rawB.receive(rawA.address, sealed.get(ReplayGuard.WINDOW + 9));
        rawB.receive(rawA.address, sealed.get(9)); // WINDOW behind the highest: too old
        rawB.receive(rawA.address, sealed.get(10)); // WINDOW - 1 behind: still in

        assertThat(atB.count()).isEqualTo(4);
        assertThat(b.stats().replays()).isEqualTo(2);
        assertThat(authFailures()).isEqualTo(2);
    }

    @Test
    void keysRotateWithoutLosingADatagram() {
        Keyring ringA = Keyring.of(KEY);
        Keyring ringB = Keyring.of(KEY);
        EncryptedTransport a = Encryption.of(ringA).wrap(rawA);
        pair(Encryption.of(ringA), Encryption.of(ringB));

        ringA.add(OTHER_KEY);
        ringB.add(OTHER_KEY);
        rawB.receive(rawA.address, sealOne(a, "still old key"));
        ringA.use(OTHER_KEY);
        byte[] sealedWithNew = sealOne(a, "new key");
        rawB.receive(rawA.address, sealedWithNew);
        ringB.use(OTHER_KEY);
        ringA.remove(KEY);
        ringB.remove(KEY);
        rawB.receive(rawA.address, sealOne(a, "after removal"));
        assertThat(atB.count()).isEqualTo(3);

        ringB.use(KEY); // B alone goes back to the old key and drops the one A seals with
        ringB.remove(OTHER_KEY);
        rawB.receive(rawA.address, sealOne(a, "sealed with a key B dropped"));
        assertThat(atB.count()).isEqualTo(3);
        assertThat(authFailures()).isEqualTo(1);
    }

    @Test
    void dropsFromTheWrappedTransportPassThrough() {
        Encryption enc = Encryption.of(Keyring.of(KEY));
        pair(enc, enc);
        rawB.drop(rawA.address, DropReason.OVERSIZED);
        assertThat(atB.drops())
                .singleElement()
                .extracting(RecordingReceiver.Dropped::reason)
                .isEqualTo(DropReason.OVERSIZED);
    }

    @Test
    void oversizedSendsAreRefused() {
        EncryptedTransport a = Encryption.of(Keyring.of(KEY)).wrap(rawA);
        assertThat(a.send(rawB.address, ByteBuffer.allocate(a.maxDatagramBytes())))
                .isTrue();
        assertThat(a.send(rawB.address, ByteBuffer.allocate(a.maxDatagramBytes() + 1)))
                .isFalse();
        assertThat(a.stats().sealFailures()).isEqualTo(1);
    }

    @Test
    void trackedSendersAreBounded() {
        Encryption enc =
                Encryption.builder(Keyring.of(KEY)).maxTrackedSenders(2).build();
        EncryptedTransport b = pair(enc, enc);
        for (int sender = 0; sender < 5; sender++) {
            EncryptedTransport a = enc.wrap(rawA); // a new random sender id each
            rawB.receive(rawA.address, sealOne(a, "from " + sender));
        }
        assertThat(atB.count()).isEqualTo(5);
        assertThat(b.stats().trackedSenders()).isEqualTo(2);
        assertThat(b.stats().evictedSenders()).isEqualTo(3);
    }

    @Test
    void concurrentSendersAllOpen() throws InterruptedException {
        Encryption enc = Encryption.of(Keyring.of(KEY));
        EncryptedTransport a = enc.wrap(rawA);
        pair(enc, enc);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.execute(() -> {
                for (int i = 0; i < 500; i++) {
                    a.send(rawB.address, text(thread + ":" + i));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<byte[]> all;
        synchronized (rawA) {
            all = new ArrayList<>(rawA.sent);
        }
        // threads may hand over datagrams far out of counter order; play them in counter order so
        // that the replay window (tested above) does not reject any: this test is about sealing
        all.sort(java.util.Comparator.comparingLong(
                bytes -> ByteBuffer.wrap(bytes).getInt(16) & 0xFFFFFFFFL));
        assertThat(all.stream()
                        .map(bytes -> ByteBuffer.wrap(bytes).getInt(16))
                        .distinct()
                        .count())
                .as("a unique nonce each")
                .isEqualTo(2000);
        all.forEach(bytes -> rawB.receive(rawA.address, bytes));
        assertThat(atB.count()).isEqualTo(2000);
        assertThat(authFailures()).isZero();
    }
}
