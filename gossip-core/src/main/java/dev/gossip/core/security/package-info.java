/**
 * Authenticated encryption for any transport: {@link dev.gossip.core.security.Keyring} (AES keys,
 * rotated at runtime), {@link dev.gossip.core.security.Encryption} (settings: keyring, cluster label,
 * replay bound) and {@link dev.gossip.core.security.EncryptedTransport} (the wrapper that seals and
 * opens datagrams with the JDK's AES-GCM and rejects plaintext, wrong keys, other clusters and
 * replays). It plugs in through the transport SPI; the engine knows nothing of it. See
 * {@code docs/security.md} for the threat model.
 */
@NullMarked
package dev.gossip.core.security;

import org.jspecify.annotations.NullMarked;
