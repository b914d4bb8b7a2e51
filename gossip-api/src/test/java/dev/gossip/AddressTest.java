package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void parsesIpv4() throws Exception {
        Address a = Address.parse("127.0.0.1:7946");
        assertThat(a).isInstanceOf(IpAddress.class);
        IpAddress ip = (IpAddress) a;
        assertThat(ip.host()).isInstanceOf(Inet4Address.class);
        assertThat(ip.host()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(ip.port()).isEqualTo(7946);
        assertThat(ip.isIpv6()).isFalse();
        assertThat(ip).hasToString("127.0.0.1:7946");
    }

    @Test
    void parsesBracketedIpv6() {
        IpAddress ip = (IpAddress) Address.parse("[::1]:80");
        assertThat(ip.host()).isInstanceOf(Inet6Address.class);
        assertThat(ip.isIpv6()).isTrue();
        assertThat(ip.port()).isEqualTo(80);
        assertThat(Address.parse(ip.toString())).isEqualTo(ip);
        assertThat(IpAddress.parse("[2001:db8::7]:65535").port()).isEqualTo(65535);
    }

    @Test
    void stripsSurroundingWhitespace() {
        assertThat(Address.parse("  10.0.0.1:1 ")).isEqualTo(Address.parse("10.0.0.1:1"));
    }

    @Test
    void acceptsPortBounds() {
        assertThat(IpAddress.parse("127.0.0.1:0").port()).isZero();
        assertThat(IpAddress.parse("127.0.0.1:65535").port()).isEqualTo(65535);
    }

    @Test
    void resolvesLocalhostOnce() {
        IpAddress ip = IpAddress.parse("localhost:9000");
        assertThat(ip.host().isLoopbackAddress()).isTrue();
        assertThat(ip.port()).isEqualTo(9000);
    }

    @Test
    void parsesOpaque() {
        Address a = Address.parse("mem:node-1");
        assertThat(a).isInstanceOf(OpaqueAddress.class);
        OpaqueAddress o = (OpaqueAddress) a;
        assertThat(o.scheme()).isEqualTo("mem");
        assertThat(o.value()).isEqualTo("node-1".getBytes(StandardCharsets.UTF_8));
        assertThat(o.valueLength()).isEqualTo(6);
        assertThat(o.valueAt(0)).isEqualTo((byte) 'n');
        assertThat(o).hasToString("mem:node-1").isEqualTo(OpaqueAddress.of("mem", "node-1"));
        assertThat(o.hashCode()).isEqualTo(OpaqueAddress.of("mem", "node-1").hashCode());
    }

    @Test
    void opaqueValueMayHoldColons() {
        OpaqueAddress o = (OpaqueAddress) Address.parse("x:a:b:c");
        assertThat(o.scheme()).isEqualTo("x");
        assertThat(o).hasToString("x:a:b:c");
    }

    @Test
    void opaqueCopiesItsValue() {
        byte[] value = {1, 2, 3};
        OpaqueAddress o = OpaqueAddress.of("raw", value);
        value[0] = 9;
        assertThat(o.valueAt(0)).isEqualTo((byte) 1);
        o.value()[1] = 9;
        assertThat(o.valueAt(1)).isEqualTo((byte) 2);
    }

    @Test
    void opaqueLimits() {
        assertThat(OpaqueAddress.of("s".repeat(OpaqueAddress.MAX_SCHEME_BYTES), new byte[0])
                        .scheme())
                .hasSize(OpaqueAddress.MAX_SCHEME_BYTES);
        assertThat(OpaqueAddress.of("mem", new byte[OpaqueAddress.MAX_VALUE_BYTES])
                        .valueLength())
                .isEqualTo(OpaqueAddress.MAX_VALUE_BYTES);
        assertThatThrownBy(() -> OpaqueAddress.of("", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> OpaqueAddress.of("s".repeat(OpaqueAddress.MAX_SCHEME_BYTES + 1), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> OpaqueAddress.of("a:b", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a:b");
        assertThatThrownBy(() -> OpaqueAddress.of("mem", new byte[OpaqueAddress.MAX_VALUE_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
        assertThatThrownBy(() -> OpaqueAddress.of(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "nocolon",
                ":80",
                "127.0.0.1:99999",
                "[::1]",
                "[::1]80",
                "[::1",
                "::1:80",
                "fe80::1:7946"
            })
    void rejectsBadText(String text) {
        assertThatThrownBy(() -> Address.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.strip().isEmpty() ? "expected" : text.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:", "127.0.0.1:-1", "127.0.0.1:+1", "127.0.0.1: 80", "1.2.3.4:x"})
    void malformedIpAddressesAreErrorsNotOpaqueAddresses(String text) {
        // The part before ':' is no scheme (it starts with a digit), so this is a bad IP address.
        assertThatThrownBy(() -> Address.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.strip());
        assertThatThrownBy(() -> IpAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.strip());
    }

    @Test
    void ipv6WithoutBracketsSaysHowToFix() {
        assertThatThrownBy(() -> IpAddress.parse("::1:80"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[::1]:7946");
    }

    @Test
    void rejectsNonNumericPort() {
        assertThatThrownBy(() -> IpAddress.parse("127.0.0.1:http"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> IpAddress.parse("[::1]:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Address.parse(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> IpAddress.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildsFromRawBytesWithoutDns() {
        IpAddress v4 = IpAddress.of(new byte[] {10, 1, 2, 3}, 5);
        assertThat(v4).hasToString("10.1.2.3:5");
        byte[] v6bytes = new byte[16];
        v6bytes[15] = 1;
        IpAddress v6 = IpAddress.of(v6bytes, 6);
        assertThat(v6.isIpv6()).isTrue();
        assertThat(v6).isEqualTo(Address.parse("[::1]:6"));
        assertThatThrownBy(() -> IpAddress.of(new byte[5], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5");
        assertThatThrownBy(() -> IpAddress.of(new byte[4], 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }

    @Test
    void buildsFromSocketAddress() {
        InetSocketAddress resolved = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1234);
        IpAddress ip = IpAddress.of(resolved);
        assertThat(ip.port()).isEqualTo(1234);
        assertThat(ip.socketAddress()).isEqualTo(resolved).isSameAs(ip.socketAddress());
        assertThatThrownBy(() -> IpAddress.of(InetSocketAddress.createUnresolved("example.invalid", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unresolved");
    }

    @Test
    void equalityIsByValue() {
        assertThat(Address.parse("127.0.0.1:1"))
                .isEqualTo(Address.parse("127.0.0.1:1"))
                .hasSameHashCodeAs(Address.parse("127.0.0.1:1"))
                .isNotEqualTo(Address.parse("127.0.0.1:2"))
                .isNotEqualTo(Address.parse("mem:127.0.0.1"));
    }

    @Test
    void nodeIdWrapsAnAddress() {
        NodeId id = NodeId.parse("[::1]:7");
        assertThat(id.address()).isEqualTo(Address.parse("[::1]:7"));
        assertThat(id).hasToString("[0:0:0:0:0:0:0:1]:7").isEqualTo(NodeId.parse("[::1]:7"));
        assertThat(NodeId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> new NodeId(null)).isInstanceOf(NullPointerException.class);
    }
}
