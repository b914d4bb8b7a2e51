package dev.gossip;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 host and a UDP/TCP port. Immutable and thread-safe.
 *
 * <p>The text form is {@code 127.0.0.1:7946} for IPv4 and {@code [::1]:7946} for IPv6, so that a
 * colon inside an IPv6 literal is never mistaken for the port separator.
 */
public final class IpAddress implements Address {

    private final InetAddress host;
    private final int port;
    private final InetSocketAddress socketAddress;
    /**
     * {@link #hashCode()}, computed once: the engine compares a sender's address with every member
     * of a view per message, and two different addresses then differ here without a look at the
     * {@link InetAddress} behind them.
     */
    private final int hash;

    private IpAddress(InetAddress host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        this.port = port;
        this.socketAddress = new InetSocketAddress(host, port);
        this.hash = host.hashCode() * 31 + port;
    }

    /**
     * Creates an address from a resolved host and a port.
     *
     * @param host the host, never {@code null}
     * @param port the port, 0 to 65535 (0 lets a transport pick a free port when binding)
     * @return the address
     * @throws IllegalArgumentException if the port is out of range
     */
    public static IpAddress of(InetAddress host, int port) {
        return new IpAddress(host, port);
    }

    /**
     * Creates an address from an {@link InetSocketAddress}, which must be resolved.
     *
     * @param socketAddress a resolved socket address, never {@code null}
     * @return the address
     * @throws IllegalArgumentException if the socket address is unresolved
     */
    public static IpAddress of(InetSocketAddress socketAddress) {
        Objects.requireNonNull(socketAddress, "socketAddress");
        if (socketAddress.isUnresolved()) {
            throw new IllegalArgumentException("socket address is unresolved: " + socketAddress);
        }
        return new IpAddress(socketAddress.getAddress(), socketAddress.getPort());
    }

    /**
     * Creates an address from raw IP bytes (4 for IPv4, 16 for IPv6) and a port, without DNS.
     *
     * @param ip 4 or 16 bytes; copied
     * @param port the port, 0 to 65535
     * @return the address
     * @throws IllegalArgumentException if the length is neither 4 nor 16 or the port is out of range
     */
    public static IpAddress of(byte[] ip, int port) {
        Objects.requireNonNull(ip, "ip");
        if (ip.length != 4 && ip.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + ip.length);
        }
        try {
            return new IpAddress(InetAddress.getByAddress(ip.clone()), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP bytes", e);
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}; see {@link Address#parse(String)}.
     *
     * @param text the text, never {@code null}
     * @return the address
     * @throws IllegalArgumentException naming the text and the problem
     */
    public static IpAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        String hostPart;
        String portPart;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [ipv6]:port, got '" + text + "'");
            }
            hostPart = s.substring(1, close);
            portPart = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("expected host:port, got '" + text + "'");
            }
            hostPart = s.substring(0, colon);
            if (hostPart.indexOf(':') >= 0) {
                throw new IllegalArgumentException(
                        "an IPv6 address needs brackets, as in [::1]:7946; got '" + text + "'");
            }
            portPart = s.substring(colon + 1);
        }
        if (portPart.isEmpty() || portPart.length() > 5 || !portPart.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("port must be 0..65535 in decimal digits, in '" + text + "'");
        }
        int port = Integer.parseInt(portPart);
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port + " in '" + text + "'");
        }
        try {
            return new IpAddress(InetAddress.getByName(hostPart), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + hostPart + "' in '" + text + "'", e);
        }
    }

    /** @return the host, never {@code null} */
    public InetAddress host() {
        return host;
    }

    /** @return the port, 0 to 65535 */
    public int port() {
        return port;
    }

    /** @return {@code true} for an IPv6 host */
    public boolean isIpv6() {
        return host instanceof Inet6Address;
    }

    /** @return the equivalent resolved socket address; the same instance on every call */
    public InetSocketAddress socketAddress() {
        return socketAddress;
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof IpAddress other && other.hash == hash && other.port == port && other.host.equals(host);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String literal = host.getHostAddress();
        return isIpv6() ? "[" + literal + "]:" + port : literal + ":" + port;
    }
}
