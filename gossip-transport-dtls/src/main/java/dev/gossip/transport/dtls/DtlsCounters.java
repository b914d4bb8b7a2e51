package dev.gossip.transport.dtls;

import java.util.concurrent.atomic.LongAdder;

/** The counters one {@link DtlsTransport} keeps; bumped from any of its threads. */
final class DtlsCounters {

    final LongAdder sent = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder sendsOversized = new LongAdder();
    final LongAdder sendsQueued = new LongAdder();
    final LongAdder queueDrops = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder receivedOversized = new LongAdder();
    final LongAdder receiverErrors = new LongAdder();
    final LongAdder receiveErrors = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder unauthenticated = new LongAdder();
    final LongAdder handshakesStarted = new LongAdder();
    final LongAdder handshakesCompleted = new LongAdder();
    final LongAdder handshakeFailures = new LongAdder();
    final LongAdder handshakeTimeouts = new LongAdder();
    final LongAdder handshakesRefused = new LongAdder();
    final LongAdder sanMismatches = new LongAdder();
    final LongAdder cookiesSent = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder sessionsEvicted = new LongAdder();
    final LongAdder closeNotifySent = new LongAdder();
    final LongAdder closeNotifyReceived = new LongAdder();
    final LongAdder keyReloads = new LongAdder();
}
