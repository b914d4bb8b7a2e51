/**
 * Contract tests and fixtures that every SPI implementation runs from its own tests (test scope).
 * JUnit discovers the contracts' inherited test methods reflectively, hence the qualified opens.
 */
module dev.gossip.testkit {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip;
    requires org.junit.jupiter.api;
    requires org.assertj.core;
    requires awaitility;

    exports dev.gossip.testkit;

    opens dev.gossip.testkit to
            org.junit.platform.commons;
}
