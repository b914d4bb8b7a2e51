package dev.gossip;

/** No seed accepted the node's subscription within the join timeout. */
public class JoinException extends GossipException {

    private static final long serialVersionUID = 1L;

    /** @param message which seeds were tried and for how long */
    public JoinException(String message) {
        super(message);
    }
}
