package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.GossipConfig;
import dev.gossip.ProviderException;
import dev.gossip.TransportConfig;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario gets its own class loader whose only service files are the ones the test writes,
 * so nothing on the global class path can change the outcome.
 */
class ProviderDiscoveryTest {

    @TempDir
    Path dir;

    /** Test provider named {@code alpha}. */
    public static final class Alpha implements TransportProvider {
        @Override
        public String name() {
            return "alpha";
        }

        @Override
        public Transport create(TransportConfig config) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** Test provider named {@code beta}. */
    public static final class Beta implements TransportProvider {
        @Override
        public String name() {
            return "beta";
        }

        @Override
        public Transport create(TransportConfig config) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** A second provider that is also named {@code alpha}. */
    public static final class OtherAlpha implements TransportProvider {
        @Override
        public String name() {
            return "alpha";
        }

        @Override
        public Transport create(TransportConfig config) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** A provider whose constructor fails. */
    public static final class Failing implements TransportProvider {
        public Failing() {
            throw new IllegalStateException("boom in constructor");
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public Transport create(TransportConfig config) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    private static final String MISSING = "dev.gossip.core.NoSuchProvider";

    private ClassLoader scenario(Class<?>... providers) throws IOException {
        return scenario(names(providers));
    }

    private ClassLoader scenario(String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(
                services.resolve(TransportProvider.class.getName()),
                "# written by the test\n" + String.join("\n", classNames) + "\n");
        return new IsolatedLoader(dir.toUri().toURL(), getClass().getClassLoader());
    }

    private static String[] names(Class<?>... classes) {
        String[] names = new String[classes.length];
        for (int i = 0; i < classes.length; i++) {
            names[i] = classes[i].getName();
        }
        return names;
    }

    /** Loads classes through the parent but sees only its own resources (service files). */
    private static final class IsolatedLoader extends URLClassLoader {
        IsolatedLoader(URL url, ClassLoader parent) {
            super(new URL[] {url}, parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return findResources(name);
        }

        @Override
        public URL getResource(String name) {
            return findResource(name);
        }
    }

    private static TransportProvider select(String configured, Map<String, String> props, ClassLoader loader) {
        return ProviderDiscovery.select(ProviderDiscovery.TRANSPORT, configured, props::get, loader);
    }

    @Test
    void theOnlyProviderIsChosenWithoutConfiguration() throws IOException {
        assertThat(select(null, Map.of(), scenario(Alpha.class))).isInstanceOf(Alpha.class);
    }

    @Test
    void configChoosesAmongSeveral() throws IOException {
        ClassLoader loader = scenario(Alpha.class, Beta.class);
        assertThat(select("beta", Map.of(), loader)).isInstanceOf(Beta.class);
        assertThat(select("alpha", Map.of("gossip.transport", "beta"), loader))
                .as("the config field wins over the system property")
                .isInstanceOf(Alpha.class);
    }

    @Test
    void systemPropertyChoosesWhenTheConfigDoesNot() throws IOException {
        ClassLoader loader = scenario(Alpha.class, Beta.class);
        assertThat(select(null, Map.of("gossip.transport", " beta "), loader)).isInstanceOf(Beta.class);
    }

    @Test
    void realSystemPropertyIsRead() throws IOException {
        ClassLoader loader = scenario(Alpha.class, Beta.class);
        String old = System.getProperty(ProviderDiscovery.TRANSPORT_PROPERTY);
        System.setProperty(ProviderDiscovery.TRANSPORT_PROPERTY, "beta");
        try {
            assertThat(ProviderDiscovery.transport(GossipConfig.lan(), loader)).isInstanceOf(Beta.class);
        } finally {
            if (old == null) {
                System.clearProperty(ProviderDiscovery.TRANSPORT_PROPERTY);
            } else {
                System.setProperty(ProviderDiscovery.TRANSPORT_PROPERTY, old);
            }
        }
    }

    @Test
    void twoCandidatesWithoutAChoiceAreAnError() throws IOException {
        ClassLoader loader = scenario(Alpha.class, Beta.class);
        assertThatThrownBy(() -> select(null, Map.of(), loader))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Several transport providers")
                .hasMessageContaining("'alpha'")
                .hasMessageContaining("'beta'")
                .hasMessageContaining(Alpha.class.getName())
                .hasMessageContaining("transportProvider(\"alpha\")")
                .hasMessageContaining("-Dgossip.transport=alpha");
    }

    @Test
    void aBrokenProviderWithoutAChoiceIsAnErrorNamingItAndTheWorkingOnes() throws IOException {
        ClassLoader loader = scenario(names(Alpha.class, Failing.class));
        assertThatThrownBy(() -> select(null, Map.of(), loader))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("could not be loaded")
                .hasMessageContaining(Failing.class.getName())
                .hasMessageContaining("boom in constructor")
                .hasMessageContaining("'alpha'");
    }

    @Test
    void aMissingProviderClassIsReportedAsBroken() throws IOException {
        ClassLoader loader = scenario(MISSING);
        assertThatThrownBy(() -> select(null, Map.of(), loader))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining(MISSING)
                .hasMessageContaining("Working providers: none");
    }

    @Test
    void aBrokenProviderIsNotFatalWhenAnotherIsChosen() throws IOException {
        ClassLoader loader = scenario(MISSING, Failing.class.getName(), Alpha.class.getName());
        assertThat(select("alpha", Map.of(), loader)).isInstanceOf(Alpha.class);
    }

    @Test
    void noProviderSaysWhichModuleToAdd() throws IOException {
        ClassLoader loader = scenario(new String[0]);
        assertThatThrownBy(() -> select(null, Map.of(), loader))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("No transport provider was found")
                .hasMessageContaining("gossip-transport-udp");
    }

    @Test
    void aChosenNameThatIsNotFoundNamesWhatWasFound() throws IOException {
        ClassLoader loader = scenario(names(Alpha.class, Beta.class, Failing.class));
        assertThatThrownBy(() -> select("udp", Map.of(), loader))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("No transport provider named 'udp'")
                .hasMessageContaining("GossipConfig.transportProvider")
                .hasMessageContaining("'alpha'")
                .hasMessageContaining("'beta'")
                .hasMessageContaining("broken")
                .hasMessageContaining(Failing.class.getName());
        assertThatThrownBy(() -> select(null, Map.of("gossip.transport", "udp"), loader))
                .hasMessageContaining("system property gossip.transport");
    }

    @Test
    void nameMatchingIsExact() throws IOException {
        ClassLoader loader = scenario(Alpha.class);
        assertThatThrownBy(() -> select("Alpha", Map.of(), loader)).isInstanceOf(ProviderException.class);
    }

    @Test
    void twoProvidersWithTheChosenNameAreAnError() throws IOException {
        ClassLoader loader = scenario(Alpha.class, OtherAlpha.class);
        assertThatThrownBy(() -> select("alpha", Map.of(), loader))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Several transport providers are named 'alpha'")
                .hasMessageContaining(OtherAlpha.class.getName());
    }

    @Test
    void theBinaryCodecIsRegisteredForServiceLoader() {
        assertThat(ProviderDiscovery.codec(GossipConfig.lan(), BinaryCodecProvider.class.getClassLoader()))
                .isInstanceOf(BinaryCodecProvider.class);
    }
}
