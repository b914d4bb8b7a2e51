/**
 * A program {@code ModulePathTest} runs in a separate JVM with gossip-guice, the gossip modules and
 * Guice on the module path; its own package, as a named module's package cannot also come from the
 * class path.
 */
package dev.gossip.guice.modulepath;
