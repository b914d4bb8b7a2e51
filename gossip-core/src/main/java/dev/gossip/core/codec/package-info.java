/**
 * The default wire format, {@code binary}: {@link dev.gossip.core.codec.BinaryCodec} (layout
 * diagram in its Javadoc) and its {@link dev.gossip.core.codec.BinaryCodecProvider}.
 */
@NullMarked
package dev.gossip.core.codec;

import org.jspecify.annotations.NullMarked;
