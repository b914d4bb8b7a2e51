/**
 * Contract tests and fixtures that every SPI implementation runs, used with test scope.
 */
module dev.gossip.testkit {
    requires transitive dev.gossip;
    requires org.junit.jupiter.api;
    requires org.assertj.core;

    exports dev.gossip.testkit;
    // JUnit reflects into the abstract contract classes when tests run on the module path.
    opens dev.gossip.testkit to org.junit.platform.commons;
}
