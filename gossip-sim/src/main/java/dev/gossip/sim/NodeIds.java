package dev.gossip.sim;

import dev.gossip.Address;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;

/**
 * Node ids of simulated nodes: {@code sim:<index>}, an opaque address whose value is the node's
 * index in decimal. The index is read back from the id's bytes, so the simulator needs no map from
 * id to node (which would cost about 50 bytes a node at a million nodes).
 */
final class NodeIds {

    static final String SCHEME = "sim";

    private NodeIds() {}

    static NodeId of(int index) {
        return new NodeId(OpaqueAddress.of(SCHEME, Integer.toString(index)));
    }

    /**
     * Reads the index of a simulated node's id.
     *
     * @return the index, or -1 if {@code id} is not the id of a simulated node
     */
    static int indexOf(NodeId id) {
        return id == null ? -1 : indexOfAddress(id.address());
    }

    /**
     * Reads the index of a simulated node's address.
     *
     * @return the index, or -1 if {@code address} is not the address of a simulated node
     */
    static int indexOfAddress(Address a) {
        if (!(a instanceof OpaqueAddress address) || !SCHEME.equals(address.scheme())) {
            return -1;
        }
        int length = address.valueLength();
        if (length == 0 || length > 9) {
            return -1;
        }
        int index = 0;
        for (int i = 0; i < length; i++) {
            int digit = address.valueAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            index = index * 10 + digit;
        }
        return index;
    }
}
