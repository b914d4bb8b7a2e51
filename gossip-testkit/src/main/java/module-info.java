/**
 * Contract tests and fixtures that every SPI implementation runs (test scope).
 */
module dev.gossip.testkit {
    requires transitive dev.gossip;
    requires org.junit.jupiter.api;
    requires org.assertj.core;

    exports dev.gossip.testkit;
}
