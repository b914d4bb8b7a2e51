package dev.gossip.core;

import dev.gossip.GossipConfig;
import dev.gossip.ProviderException;
import dev.gossip.spi.CodecProvider;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds the transport, codec and membership providers through {@link ServiceLoader} with an
 * explicit class loader. The one place where providers are discovered.
 *
 * <p>Rules, the same for each kind:
 * <ol>
 *   <li>An explicit choice wins: the {@link GossipConfig} field ({@code transportProvider},
 *       {@code codecProvider}, {@code membershipProvider}), else the system property
 *       ({@value #TRANSPORT_PROPERTY}, {@value #CODEC_PROPERTY}, {@value #MEMBERSHIP_PROPERTY}).
 *       The provider whose {@code name()} equals it exactly is used; a broken provider elsewhere is
 *       logged as a warning. A chosen name that no provider has is an error.</li>
 *   <li>Without a choice, exactly one working provider and no broken one is required. None, several,
 *       or any provider that fails to load is an error whose message names what was found and how
 *       to fix it.</li>
 * </ol>
 * Every error is a {@link ProviderException}. Thread-safe (stateless).
 */
public final class ProviderDiscovery {

    /** System property naming the transport provider when the config does not. */
    public static final String TRANSPORT_PROPERTY = "gossip.transport";
    /** System property naming the codec provider when the config does not. */
    public static final String CODEC_PROPERTY = "gossip.codec";
    /** System property naming the membership provider when the config does not. */
    public static final String MEMBERSHIP_PROPERTY = "gossip.membership";

    private static final System.Logger LOG = System.getLogger(ProviderDiscovery.class.getName());
    /** Stops a service iterator that keeps failing without advancing. */
    private static final int MAX_FAILURES = 100;

    static final Spi<TransportProvider> TRANSPORT = new Spi<>(
            TransportProvider.class,
            "transport",
            "transportProvider",
            TRANSPORT_PROPERTY,
            "gossip-transport-udp (or gossip-transport-inmem)",
            TransportProvider::name);
    static final Spi<CodecProvider> CODEC = new Spi<>(
            CodecProvider.class,
            "codec",
            "codecProvider",
            CODEC_PROPERTY,
            "gossip-core (codec 'binary')",
            CodecProvider::name);
    static final Spi<MembershipProvider> MEMBERSHIP = new Spi<>(
            MembershipProvider.class,
            "membership",
            "membershipProvider",
            MEMBERSHIP_PROPERTY,
            "gossip-scamp",
            MembershipProvider::name);

    private ProviderDiscovery() {}

    /**
     * Selects the transport provider.
     *
     * @param config supplies {@link GossipConfig#transportProvider()}
     * @param loader the class loader to search
     * @return the selected provider
     * @throws ProviderException if none, several without a choice, the chosen one is missing, or a
     *     provider is broken and nothing was chosen
     */
    public static TransportProvider transport(GossipConfig config, ClassLoader loader) {
        return select(TRANSPORT, config.transportProvider(), System::getProperty, loader);
    }

    /**
     * Selects the codec provider; see {@link #transport}.
     *
     * @param config supplies {@link GossipConfig#codecProvider()}
     * @param loader the class loader to search
     * @return the selected provider
     */
    public static CodecProvider codec(GossipConfig config, ClassLoader loader) {
        return select(CODEC, config.codecProvider(), System::getProperty, loader);
    }

    /**
     * Selects the membership provider; see {@link #transport}.
     *
     * @param config supplies {@link GossipConfig#membershipProvider()}
     * @param loader the class loader to search
     * @return the selected provider
     */
    public static MembershipProvider membership(GossipConfig config, ClassLoader loader) {
        return select(MEMBERSHIP, config.membershipProvider(), System::getProperty, loader);
    }

    /** One kind of provider and the words used to talk about it. */
    record Spi<P>(
            Class<P> type,
            String label,
            String configField,
            String property,
            String module,
            Function<P, String> name) {}

    private record Found<P>(String name, P provider) {
        @Override
        public String toString() {
            return "'" + name + "' (" + provider.getClass().getName() + ")";
        }
    }

    private record Broken(String description, Throwable error) {
        @Override
        public String toString() {
            Throwable cause = error.getCause();
            return description + (cause == null ? "" : " [cause: " + cause + "]");
        }
    }

    static <P> P select(Spi<P> spi, @Nullable String configured, UnaryOperator<String> properties, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        String fromProperty = properties.apply(spi.property());
        String choice = configured != null
                ? configured
                : fromProperty == null || fromProperty.isBlank() ? null : fromProperty.strip();
        String source = configured != null ? "GossipConfig." + spi.configField() : "system property " + spi.property();
        List<Found<P>> found = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        scan(spi, loader, found, broken);

        if (choice != null) {
            List<Found<P>> named =
                    found.stream().filter(f -> f.name().equals(choice)).toList();
            if (named.size() == 1) {
                if (!broken.isEmpty()) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Using " + spi.label() + " provider '" + choice + "' (" + source
                                    + "); ignoring broken providers: " + broken);
                }
                return named.get(0).provider();
            }
            if (named.size() > 1) {
                throw new ProviderException("Several " + spi.label() + " providers are named '" + choice + "': " + named
                        + ". Remove all but one from the class path or module path.");
            }
            throw new ProviderException(
                    "No " + spi.label() + " provider named '" + choice + "' (chosen by "
                            + source + "). Found: " + names(found) + (broken.isEmpty() ? "" : "; broken: " + broken)
                            + ". Check the name or add the module that provides it.",
                    firstError(broken));
        }
        if (!broken.isEmpty()) {
            throw new ProviderException(
                    "A " + spi.label() + " provider could not be loaded: " + broken
                            + ". Working providers: " + names(found) + ". Fix or remove the broken one, or choose a"
                            + " working one with " + howToChoose(spi, found),
                    firstError(broken));
        }
        if (found.isEmpty()) {
            throw new ProviderException("No " + spi.label() + " provider was found through " + loader
                    + ". Add " + spi.module() + " to the class path or module path, or register your own"
                    + " in META-INF/services/" + spi.type().getName() + ".");
        }
        if (found.size() > 1) {
            throw new ProviderException("Several " + spi.label() + " providers were found: " + found
                    + ". Choose one with " + howToChoose(spi, found));
        }
        return found.get(0).provider();
    }

    private static <P> void scan(Spi<P> spi, ClassLoader loader, List<Found<P>> found, List<Broken> broken) {
        Iterator<P> it = ServiceLoader.load(spi.type(), loader).iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            P provider;
            try {
                if (!it.hasNext()) {
                    return;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                failures++;
                broken.add(new Broken(String.valueOf(e.getMessage()), e));
                continue;
            }
            try {
                found.add(new Found<>(Objects.requireNonNull(spi.name().apply(provider), "name()"), provider));
            } catch (RuntimeException e) {
                failures++;
                broken.add(new Broken(provider.getClass().getName() + ": name() failed: " + e, e));
            }
        }
    }

    private static String names(List<? extends Found<?>> found) {
        return found.isEmpty()
                ? "none"
                : found.stream().map(Found::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String howToChoose(Spi<?> spi, List<? extends Found<?>> found) {
        String example = found.isEmpty() ? "name" : found.get(0).name();
        return "GossipConfig.builder()." + spi.configField() + "(\"" + example + "\") or -D" + spi.property() + "="
                + example + ".";
    }

    private static @Nullable Throwable firstError(List<Broken> broken) {
        return broken.isEmpty() ? null : broken.get(0).error();
    }
}
