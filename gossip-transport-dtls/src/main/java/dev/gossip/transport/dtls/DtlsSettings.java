package dev.gossip.transport.dtls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link DtlsTransport} needs beyond {@link dev.gossip.TransportConfig}: its key material and
 * the limits that keep a flood of handshakes from costing unbounded memory. Immutable; validated
 * on construction.
 *
 * @param keys this node's key and chain, and the certificates it trusts
 * @param handshakeTimeout how long a handshake may take before it is abandoned (and the sends
 *     queued behind it dropped and counted). Default {@value #DEFAULT_HANDSHAKE_TIMEOUT_MILLIS} ms.
 * @param retransmitInitial the wait before a handshake flight is sent again; it doubles at each
 *     retransmission up to {@code retransmitMax} (RFC 6347 section 4.2.4.1 suggests 1 s; on a LAN
 *     less is fine). Default {@value #DEFAULT_RETRANSMIT_INITIAL_MILLIS} ms.
 * @param retransmitMax the longest wait between retransmissions. Default
 *     {@value #DEFAULT_RETRANSMIT_MAX_MILLIS} ms.
 * @param maxPendingPerPeer how many sends to one peer wait for its handshake; more are dropped and
 *     counted. Memory: at most this many datagrams per handshake in progress. Default
 *     {@value #DEFAULT_MAX_PENDING_PER_PEER}.
 * @param maxHandshakes how many handshakes may be in progress at once (each holds an
 *     {@code SSLEngine}, some tens of KiB); further ClientHellos and sends to new peers are refused
 *     and counted. Default {@value #DEFAULT_MAX_HANDSHAKES}.
 * @param handshakesPerSecondPerSource how many ClientHellos one source IP may have answered per
 *     second (a burst of twice as many); more are dropped and counted. Default
 *     {@value #DEFAULT_HANDSHAKES_PER_SECOND_PER_SOURCE}.
 * @param idleTimeout a session that received nothing for this long is closed (with a
 *     close_notify) and forgotten; the next send handshakes again. Sending does not keep a session
 *     open: a peer that restarted with no close_notify cannot read it, and this bounds how long
 *     this node goes on sealing for it. Default {@value #DEFAULT_IDLE_TIMEOUT_MILLIS} ms.
 * @param requireSanMatch if {@code true}, a peer's certificate must name the IP address it sends
 *     from (its advertised address) in its subjectAltName, so a node holding a valid certificate
 *     cannot speak for another address. Default {@code false}.
 */
public record DtlsSettings(
        KeyMaterial keys,
        Duration handshakeTimeout,
        Duration retransmitInitial,
        Duration retransmitMax,
        int maxPendingPerPeer,
        int maxHandshakes,
        int handshakesPerSecondPerSource,
        Duration idleTimeout,
        boolean requireSanMatch) {

    /** Default {@link #handshakeTimeout()}, in milliseconds. */
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** Default {@link #retransmitInitial()}, in milliseconds. */
    public static final long DEFAULT_RETRANSMIT_INITIAL_MILLIS = 250;
    /** Default {@link #retransmitMax()}, in milliseconds. */
    public static final long DEFAULT_RETRANSMIT_MAX_MILLIS = 2_000;
    /** Default {@link #maxPendingPerPeer()}. */
    public static final int DEFAULT_MAX_PENDING_PER_PEER = 1_024;
    /** Default {@link #maxHandshakes()}. */
    public static final int DEFAULT_MAX_HANDSHAKES = 256;
    /** Default {@link #handshakesPerSecondPerSource()}. */
    public static final int DEFAULT_HANDSHAKES_PER_SECOND_PER_SOURCE = 200;
    /** Default {@link #idleTimeout()}, in milliseconds. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 300_000;

    /**
     * Property naming the key store file, for {@link #fromProperties}: PKCS#12, or PEM if its name
     * ends in {@code .pem} (see {@link KeyMaterial#files}).
     */
    public static final String KEYSTORE = "dtls.keystore";
    /** Property holding the key store's password. */
    public static final String KEYSTORE_PASSWORD = "dtls.keystore.password";
    /** Property naming the trust store file: PKCS#12, or PEM certificates if its name ends in {@code .pem}. */
    public static final String TRUSTSTORE = "dtls.truststore";
    /** Property holding the trust store's password (default empty). */
    public static final String TRUSTSTORE_PASSWORD = "dtls.truststore.password";
    /** Property: {@link #handshakeTimeout()}, such as {@code 10s}. */
    public static final String HANDSHAKE_TIMEOUT = "dtls.handshake-timeout";
    /** Property: {@link #maxPendingPerPeer()}. */
    public static final String MAX_PENDING_PER_PEER = "dtls.max-pending-per-peer";
    /** Property: {@link #maxHandshakes()}. */
    public static final String MAX_HANDSHAKES = "dtls.max-handshakes";
    /** Property: {@link #handshakesPerSecondPerSource()}. */
    public static final String HANDSHAKES_PER_SECOND = "dtls.handshakes-per-second-per-source";
    /** Property: {@link #idleTimeout()}, such as {@code 5m}. */
    public static final String IDLE_TIMEOUT = "dtls.idle-timeout";
    /** Property: {@link #requireSanMatch()}, {@code true} or {@code false}. */
    public static final String REQUIRE_SAN_MATCH = "dtls.require-san-match";

    /**
     * Validates every component.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public DtlsSettings {
        Objects.requireNonNull(keys, "keys");
        positive("handshakeTimeout", handshakeTimeout);
        positive("retransmitInitial", retransmitInitial);
        positive("retransmitMax", retransmitMax);
        positive("idleTimeout", idleTimeout);
        if (retransmitMax.compareTo(retransmitInitial) < 0) {
            throw new IllegalArgumentException(
                    "retransmitMax " + retransmitMax + " is shorter than retransmitInitial " + retransmitInitial);
        }
        atLeastOne("maxPendingPerPeer", maxPendingPerPeer);
        atLeastOne("maxHandshakes", maxHandshakes);
        atLeastOne("handshakesPerSecondPerSource", handshakesPerSecondPerSource);
    }

    /**
     * The defaults around some key material.
     *
     * @param keys see {@link #keys()}
     * @return settings with every other value at its default
     */
    public static DtlsSettings defaults(KeyMaterial keys) {
        return new DtlsSettings(
                keys,
                Duration.ofMillis(DEFAULT_HANDSHAKE_TIMEOUT_MILLIS),
                Duration.ofMillis(DEFAULT_RETRANSMIT_INITIAL_MILLIS),
                Duration.ofMillis(DEFAULT_RETRANSMIT_MAX_MILLIS),
                DEFAULT_MAX_PENDING_PER_PEER,
                DEFAULT_MAX_HANDSHAKES,
                DEFAULT_HANDSHAKES_PER_SECOND_PER_SOURCE,
                Duration.ofMillis(DEFAULT_IDLE_TIMEOUT_MILLIS),
                false);
    }

    /**
     * Reads settings from {@link dev.gossip.TransportConfig#properties()}: {@value #KEYSTORE} and
     * {@value #TRUSTSTORE} are required, the others optional (see the constants).
     *
     * @param properties the transport properties
     * @return the settings
     * @throws IllegalArgumentException naming a missing or bad property
     */
    public static DtlsSettings fromProperties(Map<String, String> properties) {
        String keyStore = properties.get(KEYSTORE);
        String trustStore = properties.get(TRUSTSTORE);
        if (keyStore == null || trustStore == null) {
            throw new IllegalArgumentException("the dtls transport needs the transport properties " + KEYSTORE
                    + " and " + TRUSTSTORE + " (PKCS#12 or .pem files), with " + KEYSTORE_PASSWORD + " and "
                    + TRUSTSTORE_PASSWORD + "; missing: "
                    + (keyStore == null ? KEYSTORE + (trustStore == null ? ", " + TRUSTSTORE : "") : TRUSTSTORE));
        }
        KeyMaterial keys = KeyMaterial.files(
                Path.of(keyStore),
                properties.getOrDefault(KEYSTORE_PASSWORD, "").toCharArray(),
                Path.of(trustStore),
                properties.getOrDefault(TRUSTSTORE_PASSWORD, "").toCharArray());
        DtlsSettings d = defaults(keys);
        return new DtlsSettings(
                keys,
                duration(properties, HANDSHAKE_TIMEOUT, d.handshakeTimeout),
                d.retransmitInitial,
                d.retransmitMax,
                integer(properties, MAX_PENDING_PER_PEER, d.maxPendingPerPeer),
                integer(properties, MAX_HANDSHAKES, d.maxHandshakes),
                integer(properties, HANDSHAKES_PER_SECOND, d.handshakesPerSecondPerSource),
                duration(properties, IDLE_TIMEOUT, d.idleTimeout),
                bool(properties, REQUIRE_SAN_MATCH, d.requireSanMatch));
    }

    /**
     * @param keys see {@link #keys()}
     * @return a copy with other key material
     */
    public DtlsSettings withKeys(KeyMaterial keys) {
        return new DtlsSettings(
                keys,
                handshakeTimeout,
                retransmitInitial,
                retransmitMax,
                maxPendingPerPeer,
                maxHandshakes,
                handshakesPerSecondPerSource,
                idleTimeout,
                requireSanMatch);
    }

    /**
     * @param maxHandshakes see {@link #maxHandshakes()}
     * @param handshakesPerSecondPerSource see {@link #handshakesPerSecondPerSource()}
     * @return a copy with other handshake limits
     */
    public DtlsSettings withHandshakeLimits(int maxHandshakes, int handshakesPerSecondPerSource) {
        return new DtlsSettings(
                keys,
                handshakeTimeout,
                retransmitInitial,
                retransmitMax,
                maxPendingPerPeer,
                maxHandshakes,
                handshakesPerSecondPerSource,
                idleTimeout,
                requireSanMatch);
    }

    /**
     * @param idleTimeout see {@link #idleTimeout()}
     * @return a copy with another idle timeout
     */
    public DtlsSettings withIdleTimeout(Duration idleTimeout) {
        return new DtlsSettings(
                keys,
                handshakeTimeout,
                retransmitInitial,
                retransmitMax,
                maxPendingPerPeer,
                maxHandshakes,
                handshakesPerSecondPerSource,
                idleTimeout,
                requireSanMatch);
    }

    /**
     * @param requireSanMatch see {@link #requireSanMatch()}
     * @return a copy with the SAN check on or off
     */
    public DtlsSettings withRequireSanMatch(boolean requireSanMatch) {
        return new DtlsSettings(
                keys,
                handshakeTimeout,
                retransmitInitial,
                retransmitMax,
                maxPendingPerPeer,
                maxHandshakes,
                handshakesPerSecondPerSource,
                idleTimeout,
                requireSanMatch);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    private static void atLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, was " + value);
        }
    }

    private static int integer(Map<String, String> properties, String name, int fallback) {
        String text = properties.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
        }
    }

    private static boolean bool(Map<String, String> properties, String name, boolean fallback) {
        String text = properties.get(name);
        if (text == null) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + text + "'");
        };
    }

    /** Parses {@code 500ms}, {@code 10s} or {@code 5m}. */
    static Duration duration(Map<String, String> properties, String name, Duration fallback) {
        String text = properties.get(name);
        if (text == null) {
            return fallback;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be a duration such as 500ms, 10s or 5m, was '" + text + "'");
    }
}
