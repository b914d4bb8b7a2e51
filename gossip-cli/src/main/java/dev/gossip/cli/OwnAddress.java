package dev.gossip.cli;

import dev.gossip.Address;
import dev.gossip.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A node must not join through itself: SCAMP would answer its own subscription, the join would
 * "succeed" with an empty partial view, and the node would run alone while the operator believes
 * it joined a cluster.
 */
final class OwnAddress {

    private OwnAddress() {}

    /**
     * @param seeds the seeds given
     * @param self the address the node is reachable at (its id's address)
     * @param bound the address it bound, possibly a wildcard
     * @param commandLine the command, for the usage error
     * @throws ParameterException if every seed is this node itself
     */
    static void refuseIfOnlySelf(List<Address> seeds, Address self, Address bound, CommandLine commandLine) {
        if (!seeds.isEmpty() && seeds.stream().allMatch(seed -> isSelf(seed, self, bound))) {
            throw new ParameterException(
                    commandLine,
                    "--seed " + seeds.get(0) + " is this node's own address (" + self
                            + "): give another node to join through, or no --seed to start a cluster");
        }
    }

    /**
     * @return {@code true} if {@code seed} reaches this node: it equals its address or its bind
     *     address, or the node bound a wildcard on the seed's port and the seed's host is local
     */
    static boolean isSelf(Address seed, Address self, Address bound) {
        if (seed.equals(self) || seed.equals(bound)) {
            return true;
        }
        if (seed instanceof IpAddress ip
                && bound instanceof IpAddress b
                && b.host().isAnyLocalAddress()) {
            return ip.port() == b.port() && isLocal(ip.host());
        }
        return false;
    }

    private static boolean isLocal(InetAddress host) {
        if (host.isAnyLocalAddress() || host.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(host) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
