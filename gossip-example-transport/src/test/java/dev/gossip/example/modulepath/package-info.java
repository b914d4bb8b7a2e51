/**
 * A program the module-path test runs in a separate JVM with the library modules on the module
 * path; its own package, because a package of a named module cannot also come from the class path.
 */
package dev.gossip.example.modulepath;
