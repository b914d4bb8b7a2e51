package dev.gossip.bench;

import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterConfig;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMessageHandler;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.cluster.transport.api.Transport;
import io.scalecube.cluster.transport.api.TransportConfig;
import io.scalecube.cluster.transport.api.TransportFactory;
import io.scalecube.transport.netty.tcp.TcpTransportFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ScaleCube cluster 2.7.10 in the race, with its default (LAN) or its local config, each member
 * seeded with member 0's address. Dissemination messages are the gossip requests
 * ({@code sc/gossip/req}) that carry a race message, counted by a wrapper around every member's TCP
 * transport (requests that carry only ScaleCube's own membership gossip are not counted); the
 * payload is a {@link String} carrying the run number (ScaleCube serialises it).
 */
final class ScaleCubeRaceCluster implements RaceCluster {

    private static final String GOSSIP_REQ = "sc/gossip/req";
    private static final String RACE = "race";

    private final RaceRecorder recorder;
    private final boolean local;
    private final LongAdder gossipRequests = new LongAdder();
    private final List<Cluster> members = new ArrayList<>();

    ScaleCubeRaceCluster(RaceRecorder recorder, boolean local) {
        this.recorder = recorder;
        this.local = local;
    }

    @Override
    public String name() {
        return local ? "ScaleCube 2.7.10 (local config)" : "ScaleCube 2.7.10 (default config)";
    }

    @Override
    public void start(int n) throws InterruptedException {
        String seed = null;
        for (int i = 0; i < n; i++) {
            ClusterConfig config = local ? ClusterConfig.defaultLocalConfig() : ClusterConfig.defaultConfig();
            int member = i;
            String seedAddress = seed;
            ClusterImpl cluster = new ClusterImpl(config)
                    .transportFactory(() -> new CountingFactory(new TcpTransportFactory(), gossipRequests))
                    .membership(m -> seedAddress == null ? m : m.seedMembers(seedAddress))
                    .handler(c -> new ClusterMessageHandler() {
                        @Override
                        public void onGossip(Message gossip) {
                            if (RACE.equals(gossip.qualifier())) {
                                String data = gossip.data();
                                recorder.delivered(member, Integer.parseInt(data.substring(4)));
                            }
                        }
                    });
            Cluster started = cluster.startAwait();
            members.add(started);
            if (seed == null) {
                seed = started.address();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!converged(n)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + ": members did not see all " + n + " in 120 s");
            }
            Thread.sleep(50);
        }
    }

    private boolean converged(int n) {
        for (Cluster c : members) {
            if (c.members().size() != n) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void broadcast(int origin, int run) {
        members.get(origin)
                .spreadGossip(Message.withData("run-" + run).qualifier(RACE).build())
                .subscribe();
    }

    @Override
    public long messagesSent() {
        return gossipRequests.sum();
    }

    @Override
    public long settleQuietMillis() {
        ClusterConfig config = local ? ClusterConfig.defaultLocalConfig() : ClusterConfig.defaultConfig();
        return 3 * config.gossipConfig().gossipInterval();
    }

    @Override
    public void close() {
        try {
            Mono.whenDelayError(members.stream()
                            .map(c -> {
                                c.shutdown();
                                return c.onShutdown();
                            })
                            .toList())
                    .block(Duration.ofSeconds(10));
        } catch (RuntimeException e) { // a slow leave must not lose the measured row
            System.err.println(name() + ": not every member shut down within 10 s (left running): " + e);
        }
    }

    /** Creates TCP transports that count the gossip requests they send. */
    private record CountingFactory(TransportFactory delegate, LongAdder counter) implements TransportFactory {
        @Override
        public Transport createTransport(TransportConfig config) {
            return new CountingTransport(delegate.createTransport(config), counter);
        }
    }

    /** A transport that counts gossip requests and otherwise delegates. */
    private record CountingTransport(Transport delegate, LongAdder counter) implements Transport {
        @Override
        public String address() {
            return delegate.address();
        }

        @Override
        public Mono<Transport> start() {
            return delegate.start().thenReturn(this);
        }

        @Override
        public Mono<Void> stop() {
            return delegate.stop();
        }

        @Override
        public boolean isStopped() {
            return delegate.isStopped();
        }

        @Override
        public Mono<Void> send(String address, Message message) {
            if (GOSSIP_REQ.equals(message.qualifier()) && carriesRaceGossip(message.data())) {
                counter.increment();
            }
            return delegate.send(address, message);
        }

        /**
         * ScaleCube's GossipRequest and Gossip are package-private; their public accessors
         * gossips() and message() are called reflectively.
         */
        private static boolean carriesRaceGossip(Object request) {
            try {
                for (Object gossip : (List<?>) call(request, "gossips")) {
                    if (RACE.equals(((Message) call(gossip, "message")).qualifier())) {
                        return true;
                    }
                }
                return false;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot read a ScaleCube gossip request: " + e, e);
            }
        }

        private static Object call(Object target, String accessor) throws ReflectiveOperationException {
            Method method = target.getClass().getMethod(accessor);
            method.setAccessible(true);
            return method.invoke(target);
        }

        @Override
        public Mono<Message> requestResponse(String address, Message request) {
            return delegate.requestResponse(address, request);
        }

        @Override
        public Flux<Message> listen() {
            return delegate.listen();
        }
    }
}
