package dev.gossip.transport.udp;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters one {@link UdpTransport} keeps. Send counters are bumped by any number of sending
 * threads, receive counters by the receive thread alone; {@link LongAdder} keeps both cheap.
 */
final class UdpCounters {

    final LongAdder sent = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder sendsOversized = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder receivedOversized = new LongAdder();
    final LongAdder receiverErrors = new LongAdder();
    final LongAdder receiveErrors = new LongAdder();

    UdpTransport.Stats snapshot() {
        return new UdpTransport.Stats(
                sent.sum(),
                sendFailures.sum(),
                sendsOversized.sum(),
                received.sum(),
                receivedOversized.sum(),
                receiverErrors.sum(),
                receiveErrors.sum());
    }
}
