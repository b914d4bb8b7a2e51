package dev.gossip.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * JGroups 5.5.7 in the race: reliable multicast (NAKACK2) over TCP with TCPPING discovery on
 * 127.0.0.1, the protocols of its shipped {@code tcp.xml} minus failure detection, diagnostics and
 * state transfer (which play no part in one broadcast), each member on port {@code basePort + i}
 * discovering member 0. Not gossip: the sender writes one TCP message to every member. Messages
 * counted: every message the members' transports hand up (one per point-to-point transmission,
 * whatever protocol sent it), by a counting protocol right above {@link TCP}.
 */
final class JGroupsRaceCluster implements RaceCluster {

    private final RaceRecorder recorder;
    private final int basePort;
    private final LongAdder received = new LongAdder();
    private final List<JChannel> channels = new ArrayList<>();

    JGroupsRaceCluster(RaceRecorder recorder, int basePort) {
        this.recorder = recorder;
        this.basePort = basePort;
    }

    @Override
    public String name() {
        return "JGroups 5.5.7 (TCP+TCPPING)";
    }

    @Override
    public void start(int n) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<InetSocketAddress> initial = List.of(new InetSocketAddress(loopback, basePort));
        for (int i = 0; i < n; i++) {
            TCP tcp = new TCP();
            tcp.setBindAddress(loopback);
            tcp.setBindPort(basePort + i);
            tcp.setPortRange(0);
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
            int member = i;
            channel.setReceiver(new Receiver() {
                @Override
                public void receive(Message msg) {
                    byte[] data = msg.getArray();
                    recorder.delivered(member, java.nio.ByteBuffer.wrap(data, msg.getOffset(), msg.getLength()).getInt());
                }
            });
            channel.connect("race");
            channels.add(channel);
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (channels.stream().anyMatch(c -> c.getView().size() != n)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + ": views did not reach " + n + " in 120 s");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void broadcast(int origin, int run) throws Exception {
        channels.get(origin).send(null, RaceRecorder.payload(run));
    }

    @Override
    public long messagesSent() {
        return received.sum();
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
