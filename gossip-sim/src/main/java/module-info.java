/**
 * A deterministic discrete-event simulator that runs the production membership and dissemination
 * of many nodes on virtual time in one thread, plus the experiments (views, reliability, churn)
 * built on it and their CSV, table and PNG output.
 */
module dev.gossip.sim {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip;
    requires dev.gossip.core;
    requires dev.gossip.scamp;
    requires java.desktop;
    requires org.jfree.jfreechart;

    exports dev.gossip.sim;
}
