package dev.gossip.cli;

import dev.gossip.GossipConfig;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.DtlsTransportProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code dtls} transport's counters ({@link DtlsTransport.Stats}) where {@code gossip node}
 * shows its state: a {@code status: dtls ...} line, a {@code "dtls"} object in {@code /status},
 * and {@code gossip_dtls_*} meters in {@code /metrics}. The node's own snapshot does not hold
 * them (a transport's counters are its own), so the command builds the transport itself, as a
 * library user who wants them would, and keeps it.
 */
final class DtlsStatus {

    private DtlsStatus() {}

    /**
     * @param config a node's config
     * @return a new dtls transport from its transport settings if it names the {@code dtls}
     *     provider, else {@code null} (the node finds its provider by name)
     * @throws IllegalArgumentException if the key material cannot be read
     */
    static @Nullable DtlsTransport transportFor(GossipConfig config) {
        return DtlsTransportProvider.NAME.equals(config.transportProvider())
                ? new DtlsTransport(config.transport())
                : null;
    }

    /** @return every counter and size of {@code stats} by its name, in declaration order */
    static Map<String, Long> counters(DtlsTransport.Stats stats) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (RecordComponent component : DtlsTransport.Stats.class.getRecordComponents()) {
            counters.put(component.getName(), read(stats, component));
        }
        return counters;
    }

    /** @return the one status line, {@code status: dtls sessions 3, handshakesStarted=4 ...} */
    static String line(DtlsTransport.Stats stats) {
        StringBuilder b = new StringBuilder("status: dtls");
        counters(stats)
                .forEach((name, value) -> b.append(' ').append(name).append('=').append(value));
        return b.toString();
    }

    /**
     * Registers one meter per counter: {@code gossip.dtls.<name>} in dotted words (Prometheus:
     * {@code gossip_dtls_handshake_failures_total}), a counter for counts since start, a gauge for
     * the four sizes now.
     */
    static void bindTo(MeterRegistry registry, DtlsTransport transport) {
        for (RecordComponent component : DtlsTransport.Stats.class.getRecordComponents()) {
            String name = "gossip.dtls." + dotted(component.getName());
            String description = "dtls transport: " + component.getName();
            if (component.getType() == long.class) {
                FunctionCounter.builder(name, transport, t -> read(t.stats(), component))
                        .description(description)
                        .register(registry);
            } else {
                Gauge.builder(name, transport, t -> read(t.stats(), component))
                        .description(description)
                        .register(registry);
            }
        }
    }

    /** {@code handshakeFailures} to {@code handshake.failures}. */
    static String dotted(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1.$2").toLowerCase(Locale.ROOT);
    }

    private static long read(DtlsTransport.Stats stats, RecordComponent component) {
        try {
            return ((Number) component.getAccessor().invoke(stats)).longValue();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of the dtls stats", e);
        }
    }
}
