/**
 * The default wire format, {@code binary}: {@link dev.gossip.core.codec.BinaryCodec} (layout
 * diagram in its Javadoc) and its {@link dev.gossip.core.codec.BinaryCodecProvider}.
 */
package dev.gossip.core.codec;
