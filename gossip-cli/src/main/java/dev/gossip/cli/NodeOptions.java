package dev.gossip.cli;

import dev.gossip.Address;
import dev.gossip.AntiEntropyConfig;
import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import dev.gossip.MembershipConfig;
import dev.gossip.RateLimitConfig;
import dev.gossip.TransportConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Every field of the config records as a flag, shared by {@code gossip node} and {@code gossip
 * send}. A flag left unset (and not given by {@link EnvironmentDefaults}) keeps the preset's value,
 * so the order of precedence is flag, environment variable, {@code application.yml}, preset.
 */
final class NodeOptions {

    /** Config presets, as {@link GossipConfig} names them. */
    enum Preset {
        lan,
        local,
        wan
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            order = 10,
            description = "Preset every unset option comes from: ${COMPLETION-CANDIDATES} (see "
                    + "docs/configuration.md). Default: lan.")
    @Nullable
    Preset preset;

    @Option(
            names = "--bind",
            paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            order = 11,
            description = "Address to listen on; port 0 lets the OS choose. Preset: 127.0.0.1:7946 "
                    + "(local: 127.0.0.1:0).")
    @Nullable
    Address bind;

    @Option(
            names = "--advertise",
            paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            order = 12,
            description =
                    "Address other nodes reach this one at, when it differs from --bind " + "(wildcard bind, NAT).")
    @Nullable
    Address advertise;

    @Option(
            names = "--max-datagram-bytes",
            paramLabel = "BYTES",
            order = 13,
            description = "Largest datagram sent or accepted, " + TransportConfig.MIN_DATAGRAM_BYTES + " to "
                    + TransportConfig.MAX_DATAGRAM_BYTES + ". Preset: " + TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES
                    + " (wan: 1200).")
    @Nullable
    Integer maxDatagramBytes;

    @Option(
            names = "--receive-buffer-bytes",
            paramLabel = "BYTES",
            order = 14,
            description = "Socket receive buffer asked of the OS, at least 1024. Preset: "
                    + TransportConfig.DEFAULT_RECEIVE_BUFFER_BYTES + ".")
    @Nullable
    Integer receiveBufferBytes;

    @Option(
            names = "--send-buffer-bytes",
            paramLabel = "BYTES",
            order = 15,
            description = "Socket send buffer asked of the OS, at least 1024. Preset: "
                    + TransportConfig.DEFAULT_SEND_BUFFER_BYTES + ".")
    @Nullable
    Integer sendBufferBytes;

    @Option(
            names = "--c",
            paramLabel = "C",
            order = 20,
            description = "SCAMP redundancy: views grow to (c+1)*ln N, 0 to " + MembershipConfig.MAX_C + ". Preset: "
                    + MembershipConfig.DEFAULT_C + " (wan: 2).")
    @Nullable
    Integer c;

    @Option(
            names = "--heartbeat-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            order = 21,
            description = "Heartbeat period per partial-view member. Preset: 1s " + "(local: 200ms, wan: 5s).")
    @Nullable
    Duration heartbeatInterval;

    @Option(
            names = "--isolation-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            order = 22,
            description = "Silence after which a node resubscribes, at least 2 heartbeat "
                    + "intervals. Preset: 5s (local: 1s, wan: 30s).")
    @Nullable
    Duration isolationTimeout;

    @Option(
            names = "--forward-hop-factor",
            paramLabel = "N",
            order = 23,
            description = "Loop guard of forwarded subscriptions, 1 to 1000. Preset: "
                    + MembershipConfig.DEFAULT_FORWARD_HOP_FACTOR + ".")
    @Nullable
    Integer forwardHopFactor;

    @Option(
            names = "--lease",
            paramLabel = "DURATION",
            converter = ZeroOrDurationConverter.class,
            order = 24,
            description = "Subscription lease, 0 for none or at least --isolation-timeout. Preset: 0.")
    @Nullable
    Duration lease;

    @Option(
            names = "--indirection-walk",
            paramLabel = "HOPS",
            order = 25,
            description = "Random-walk length of a first subscription, 0 (off) to "
                    + MembershipConfig.MAX_INDIRECTION_WALK + "; the walk is at least the seed's view size. Preset: "
                    + MembershipConfig.DEFAULT_INDIRECTION_WALK + ".")
    @Nullable
    Integer indirectionWalk;

    @Option(
            names = "--max-payload-bytes",
            paramLabel = "BYTES",
            order = 30,
            description = "Largest payload a broadcast accepts, 0 to " + TransportConfig.MAX_DATAGRAM_BYTES
                    + ". Preset: " + GossipConfig.DEFAULT_MAX_PAYLOAD_BYTES + ".")
    @Nullable
    Integer maxPayloadBytes;

    @Option(
            names = "--dedup-capacity",
            paramLabel = "N",
            order = 31,
            description = "Message ids remembered to recognise duplicates, 16 to 67108864. Preset: "
                    + GossipConfig.DEFAULT_DEDUP_CAPACITY + ".")
    @Nullable
    Integer dedupCapacity;

    @Option(
            names = "--tick-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            order = 32,
            description = "Protocol timer period. Preset: 100ms (local: 20ms, wan: 250ms).")
    @Nullable
    Duration tickInterval;

    @Option(
            names = "--deliver-own-messages",
            paramLabel = "BOOL",
            arity = "0..1",
            order = 33,
            description = "Also deliver (and print) this node's own broadcasts. Preset: false.")
    @Nullable
    Boolean deliverOwnMessages;

    @Option(
            names = "--rate-limit-per-second",
            paramLabel = "RATE",
            order = 40,
            description = "Membership messages per second per sender and type, 0 (off) to 1e9. Preset: 200.")
    @Nullable
    Double rateLimitPerSecond;

    @Option(
            names = "--rate-limit-burst",
            paramLabel = "N",
            order = 41,
            description = "Rate-limit bucket size, 1 to 16777216. Preset: " + RateLimitConfig.DEFAULT_BURST + ".")
    @Nullable
    Integer rateLimitBurst;

    @Option(
            names = "--rate-limit-max-senders",
            paramLabel = "N",
            order = 42,
            description = "Senders tracked by the rate limiter, 1 to 16777216. Preset: "
                    + RateLimitConfig.DEFAULT_MAX_SENDERS + ".")
    @Nullable
    Integer rateLimitMaxSenders;

    @Option(
            names = "--anti-entropy-interval",
            paramLabel = "DURATION",
            converter = ZeroOrDurationConverter.class,
            order = 43,
            description = "Digest period of anti-entropy, which repairs messages a node "
                    + "missed; 0 for off. Preset: 1s (local: 500ms, wan: 5s).")
    @Nullable
    Duration antiEntropyInterval;

    @Option(
            names = "--anti-entropy-max-digest-ids",
            paramLabel = "N",
            order = 44,
            description = "Ids per digest, 1 to " + AntiEntropyConfig.MAX_DIGEST_IDS + ". Preset: "
                    + AntiEntropyConfig.DEFAULT_MAX_DIGEST_IDS + ".")
    @Nullable
    Integer antiEntropyMaxDigestIds;

    @Option(
            names = "--anti-entropy-history",
            paramLabel = "N",
            order = 45,
            description = "Recent messages kept for repair, 1 to " + AntiEntropyConfig.MAX_HISTORY + ". Preset: "
                    + AntiEntropyConfig.DEFAULT_HISTORY_CAPACITY + ".")
    @Nullable
    Integer antiEntropyHistory;

    @Option(
            names = "--dissemination",
            paramLabel = "MODE",
            converter = DisseminationConverter.class,
            order = 46,
            description = "How broadcasts spread: tree (eager/lazy push: payloads over a spanning tree, "
                    + "ids announced over the other links) or flood (the paper's: every partial-view link "
                    + "carries every payload). Preset: tree.")
    DisseminationConfig.@Nullable Mode dissemination;

    @Option(
            names = "--announce-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            order = 47,
            description = "Tree: how long announcements wait to share a datagram. Preset: "
                    + "100ms (local: 20ms, wan: 250ms).")
    @Nullable
    Duration announceInterval;

    @Option(
            names = "--graft-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            order = 48,
            description = "Tree: how long to wait for an announced message before asking for "
                    + "it. Preset: 200ms (local: 60ms, wan: 750ms).")
    @Nullable
    Duration graftTimeout;

    @Option(
            names = "--linger",
            paramLabel = "DURATION",
            converter = ZeroOrDurationConverter.class,
            order = 49,
            description = "How long frames for one destination may wait to share a datagram; 0: only "
                    + "those queued while handling one input. Preset: 0.")
    @Nullable
    Duration linger;

    @Option(
            names = "--property",
            paramLabel = "KEY=VALUE",
            order = 50,
            description = "A free-form setting for custom providers (GossipConfig.properties); repeat.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(
            names = "--transport-property",
            paramLabel = "KEY=VALUE",
            order = 51,
            description = "A free-form setting for the transport (TransportConfig.properties); repeat.")
    Map<String, String> transportProperties = new LinkedHashMap<>();

    @Option(
            names = "--transport",
            paramLabel = "NAME",
            order = 52,
            description = "udp (plaintext datagrams) or dtls (DTLS 1.2: each peer authenticated by its "
                    + "X.509 certificate, every datagram encrypted; needs --keystore and --truststore). "
                    + "Default: udp.")
    @Nullable
    String transport;

    @Option(
            names = "--keystore",
            paramLabel = "FILE",
            order = 53,
            description = "dtls: PKCS#12 file with this node's private key and certificate chain. Its "
                    + "password comes from the environment variable " + KEYSTORE_PASSWORD_ENV
                    + " or --keystore-password-file, never from a flag. A name ending in .pem is read as "
                    + "PEM: an unencrypted PKCS#8 PRIVATE KEY and the CERTIFICATE chain, no password.")
    java.nio.file.@Nullable Path keystore;

    @Option(
            names = "--truststore",
            paramLabel = "FILE",
            order = 54,
            description = "dtls: PKCS#12 file with the CA certificate(s) a peer's certificate must chain "
                    + "to. Its password comes from " + TRUSTSTORE_PASSWORD_ENV
                    + " or --truststore-password-file, else the key store's. A name ending in .pem is "
                    + "read as PEM CERTIFICATE blocks.")
    java.nio.file.@Nullable Path truststore;

    @Option(
            names = "--keystore-password-file",
            paramLabel = "FILE",
            order = 55,
            description = "dtls: file whose first line is the key store's password.")
    java.nio.file.@Nullable Path keystorePasswordFile;

    @Option(
            names = "--truststore-password-file",
            paramLabel = "FILE",
            order = 56,
            description = "dtls: file whose first line is the trust store's password.")
    java.nio.file.@Nullable Path truststorePasswordFile;

    /** Environment variable holding the key store password. */
    static final String KEYSTORE_PASSWORD_ENV = "GOSSIP_KEYSTORE_PASSWORD";
    /** Environment variable holding the trust store password. */
    static final String TRUSTSTORE_PASSWORD_ENV = "GOSSIP_TRUSTSTORE_PASSWORD";

    /**
     * @param config a config
     * @return the same config with every transport property whose name mentions a password
     *     replaced by {@code ***}, for printing
     */
    static GossipConfig redacted(GossipConfig config) {
        Map<String, String> properties = new LinkedHashMap<>();
        config.transport().properties().forEach((k, v) -> properties.put(k, k.contains("password") ? "***" : v));
        return config.toBuilder()
                .transport(config.transport().toBuilder().properties(properties).build())
                .build();
    }

    /** Reads environment variables; replaced in tests. */
    java.util.function.UnaryOperator<String> environment = System::getenv;

    /** The transport provider name and, for dtls, its key store properties. */
    private String transportSettings(Map<String, String> into) {
        String name = transport == null ? "udp" : transport;
        switch (name) {
            case "udp" -> {
                if (keystore != null || truststore != null) {
                    throw new IllegalArgumentException("--keystore and --truststore need --transport dtls");
                }
            }
            case "dtls" -> {
                if (keystore == null || truststore == null) {
                    throw new IllegalArgumentException("--transport dtls needs --keystore FILE and --truststore FILE");
                }
                String keyPassword =
                        password(keystorePasswordFile, KEYSTORE_PASSWORD_ENV, null, "--keystore-password-file");
                if (keyPassword == null && dev.gossip.transport.dtls.KeyMaterial.isPem(keystore)) {
                    keyPassword = ""; // an unencrypted PKCS#8 key has none
                }
                if (keyPassword == null) {
                    throw new IllegalArgumentException("the key store password is missing: set " + KEYSTORE_PASSWORD_ENV
                            + " or give --keystore-password-file FILE");
                }
                String trustPassword = password(
                        truststorePasswordFile, TRUSTSTORE_PASSWORD_ENV, keyPassword, "--truststore-password-file");
                into.put(dev.gossip.transport.dtls.DtlsSettings.KEYSTORE, keystore.toString());
                into.put(dev.gossip.transport.dtls.DtlsSettings.KEYSTORE_PASSWORD, keyPassword);
                into.put(dev.gossip.transport.dtls.DtlsSettings.TRUSTSTORE, truststore.toString());
                into.put(dev.gossip.transport.dtls.DtlsSettings.TRUSTSTORE_PASSWORD, trustPassword);
            }
            default -> throw new IllegalArgumentException("--transport must be udp or dtls, was '" + name + "'");
        }
        return name;
    }

    private @Nullable String password(
            java.nio.file.@Nullable Path file, String variable, @Nullable String fallback, String flag) {
        if (file != null) {
            try {
                java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new IllegalArgumentException(flag + " " + file + " is empty");
                }
                return lines.get(0);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read " + flag + " " + file + ": " + e.getMessage());
            }
        }
        String value = environment.apply(variable);
        return value != null && !value.isEmpty() ? value : fallback;
    }

    /**
     * @param bindFallback the bind address to use when neither a flag nor the environment gives one,
     *     or {@code null} for the preset's
     * @return the config: the preset, overridden by every option that was set
     * @throws ParameterException naming the flag(s) if a value is out of range
     */
    GossipConfig config(@Nullable Address bindFallback) {
        try {
            return build(bindFallback);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), FlagNames.rewrite(e.getMessage()));
        }
    }

    private GossipConfig build(@Nullable Address bindFallback) {
        GossipConfig base = switch (preset == null ? Preset.lan : preset) {
            case lan -> GossipConfig.lan();
            case local -> GossipConfig.local();
            case wan -> GossipConfig.wan();
        };
        TransportConfig.Builder t = base.transport().toBuilder();
        Address bound = bind != null ? bind : bindFallback;
        if (bound != null) {
            t.bind(bound);
        }
        if (advertise != null) {
            t.advertise(advertise);
        }
        set(maxDatagramBytes, t::maxDatagramBytes);
        set(receiveBufferBytes, t::receiveBufferBytes);
        set(sendBufferBytes, t::sendBufferBytes);
        Map<String, String> allTransportProperties = new LinkedHashMap<>(transportProperties);
        String provider = transportSettings(allTransportProperties);
        if (!allTransportProperties.isEmpty()) {
            t.properties(allTransportProperties);
        }
        TransportConfig transport = t.build();

        MembershipConfig.Builder m = base.membership().toBuilder();
        set(c, m::c);
        set(heartbeatInterval, m::heartbeatInterval);
        set(isolationTimeout, m::isolationTimeout);
        set(forwardHopFactor, m::forwardHopFactor);
        set(lease, m::lease);
        set(indirectionWalk, m::indirectionWalk);
        MembershipConfig membership = m.build();

        RateLimitConfig limits = base.rateLimit();
        RateLimitConfig rateLimit = new RateLimitConfig(
                rateLimitPerSecond != null ? rateLimitPerSecond : limits.perSecond(),
                rateLimitBurst != null ? rateLimitBurst : limits.burst(),
                rateLimitMaxSenders != null ? rateLimitMaxSenders : limits.maxSenders());
        AntiEntropyConfig ae = base.antiEntropy();
        AntiEntropyConfig antiEntropy = new AntiEntropyConfig(
                antiEntropyInterval != null ? antiEntropyInterval : ae.interval(),
                antiEntropyMaxDigestIds != null ? antiEntropyMaxDigestIds : ae.maxDigestIds(),
                antiEntropyHistory != null ? antiEntropyHistory : ae.historyCapacity());

        DisseminationConfig d = base.dissemination();
        DisseminationConfig disseminationConfig = new DisseminationConfig(
                dissemination != null ? dissemination : d.mode(),
                announceInterval != null ? announceInterval : d.announceInterval(),
                graftTimeout != null ? graftTimeout : d.graftTimeout(),
                d.historyCapacity(),
                linger != null ? linger : d.linger());

        GossipConfig.Builder g = base.toBuilder()
                .dissemination(disseminationConfig)
                .transport(transport)
                .membership(membership)
                .rateLimit(rateLimit)
                .antiEntropy(antiEntropy)
                .transportProvider(provider);
        set(maxPayloadBytes, g::maxPayloadBytes);
        set(dedupCapacity, g::dedupCapacity);
        set(tickInterval, g::tickInterval);
        set(deliverOwnMessages, g::deliverOwnMessages);
        if (!properties.isEmpty()) {
            g.properties(properties);
        }
        return g.build();
    }

    private static <T> void set(@Nullable T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
