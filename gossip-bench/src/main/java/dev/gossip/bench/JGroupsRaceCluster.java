package dev.gossip.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.MsgStats;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * JGroups 5.5.7 in the races: reliable multicast (NAKACK2) over TCP with TCPPING discovery on
 * 127.0.0.1, the protocols of its shipped {@code tcp.xml} minus failure detection, diagnostics and
 * state transfer (which play no part in a broadcast), its default bundler, each member on port
 * {@code basePort + i} (or, with {@code basePort} 0, on a free port found at start) discovering
 * member 0. Not gossip: the sender writes one TCP message to every member.
 *
 * <p>Counted for the latency race ({@link #messagesSent}): every message the members' transports
 * hand up (one per message per receiver, whatever protocol sent it; a batch counts its messages),
 * by a counting protocol right above {@link TCP}. Counted for the throughput race ({@link
 * #transportMessages}): what the transports' own statistics ({@code TP.getMessageStats()}) give as
 * received, single messages plus message batches, summed over the members: one per framed TCP write
 * to one member, the analogue of a datagram (a batch bundles several messages in one write, as our
 * bundles do in one datagram).
 */
final class JGroupsRaceCluster implements LoadCluster {

    private final DeliverySink sink;
    private final int basePort;
    private final LongAdder received = new LongAdder();
    private final List<JChannel> channels = new ArrayList<>();
    private final List<TCP> transports = new ArrayList<>();

    JGroupsRaceCluster(DeliverySink sink, int basePort) {
        this.sink = sink;
        this.basePort = basePort;
    }

    @Override
    public String name() {
        return "JGroups 5.5.7 (TCP+TCPPING)";
    }

    @Override
    public void start(int n) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<InetSocketAddress> initial = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TCP tcp = new TCP();
            tcp.setBindAddress(loopback);
            tcp.setBindPort(basePort == 0 ? freePort(loopback) : basePort + i);
            tcp.setPortRange(0);
            tcp.setMessageStats(new TransmissionStats());
            tcp.enableStats(true);
            Protocol[] stack = {
                tcp,
                new Counter(received),
                new TCPPING().initialHosts(initial).portRange(0),
                new MERGE3(),
                new BARRIER(),
                new NAKACK2(),
                new UNICAST3(),
                new STABLE(),
                new GMS().setJoinTimeout(2000).printLocalAddress(false),
                new MFC(),
                new UFC(),
                new FRAG2(),
            };
            JChannel channel = new JChannel(stack);
            channel.setDiscardOwnMessages(true); // ours does not deliver its own messages either
            int member = i;
            channel.setReceiver(new Receiver() {
                @Override
                public void receive(Message msg) {
                    sink.delivered(member, ByteBuffer.wrap(msg.getArray(), msg.getOffset(), msg.getLength()));
                }
            });
            channel.connect("race");
            channels.add(channel);
            transports.add(tcp);
            if (i == 0) {
                initial.add(new InetSocketAddress(loopback, tcp.getBindPort()));
            }
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (channels.stream().anyMatch(c -> c.getView().size() != n)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + ": views did not reach " + n + " in 120 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * TCPPING refuses port 0 (only dynamic discovery allows it), so a free port is found by binding
     * one and releasing it; another process could take it in between, which fails the start.
     */
    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void send(int origin, byte[] payload) throws Exception {
        channels.get(origin).send(null, payload);
    }

    @Override
    public long messagesSent() {
        return received.sum();
    }

    @Override
    public long transportMessages() {
        long total = 0;
        for (TCP tcp : transports) {
            total += ((TransmissionStats) tcp.getMessageStats()).transmissionsReceived();
        }
        return total;
    }

    /** @return the bundler and the transports' message counts */
    @Override
    public String note() {
        long messagesSent = 0;
        long singles = 0;
        long batches = 0;
        for (TCP tcp : transports) {
            TransmissionStats stats = (TransmissionStats) tcp.getMessageStats();
            messagesSent += stats.getNumMsgsSent();
            singles += stats.singlesReceived();
            batches += stats.getNumBatchesReceived();
        }
        return "bundler "
                + (transports.isEmpty()
                        ? "?"
                        : transports.get(0).getBundler().getClass().getSimpleName())
                + "; messages sent (a multicast once) " + messagesSent + ", received as single messages " + singles
                + " and in batches " + batches + ", messages handed up " + received.sum();
    }

    /**
     * One member at a time: when all members multicast at once, each pair may dial each other at
     * the same moment and JGroups resolves such connection races by closing one socket; the timed
     * runs that follow then took 1-2 s (recovery by retransmission) on this machine.
     */
    @Override
    public boolean sequentialWarmUp() {
        return true;
    }

    @Override
    public void close() {
        for (int i = channels.size() - 1; i >= 0; i--) {
            channels.get(i).close();
        }
    }

    /** JGroups' own transport statistics, with a getter for the single messages received. */
    static final class TransmissionStats extends MsgStats {

        /** @return messages received on their own, not in a batch */
        long singlesReceived() {
            return num_single_msgs_received.sum();
        }

        /** @return single messages plus batches received: one per framed TCP write to this member */
        long transmissionsReceived() {
            return singlesReceived() + getNumBatchesReceived();
        }
    }

    /** Counts the messages a transport hands up, singly or in batches. */
    static final class Counter extends Protocol {
        private final LongAdder counter;

        Counter(LongAdder counter) {
            this.counter = counter;
        }

        @Override
        public Object up(Message msg) {
            counter.increment();
            return up_prot.up(msg);
        }

        @Override
        public void up(MessageBatch batch) {
            counter.add(batch.size());
            up_prot.up(batch);
        }
    }
}
