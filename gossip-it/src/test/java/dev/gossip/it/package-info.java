/**
 * Integration tests: whole nodes built with {@code Gossip.builder}, over UDP on 127.0.0.1, over the
 * in-memory transport, and over a transport written here and found by name through ServiceLoader.
 */
package dev.gossip.it;
