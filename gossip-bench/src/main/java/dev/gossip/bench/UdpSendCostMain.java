package dev.gossip.bench;

import dev.gossip.IpAddress;
import dev.gossip.transport.udp.UdpTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Where a transport send's CPU goes, beyond the system call: the sending thread's CPU time per
 * datagram for five ways of sending to one counting receiver, in interleaved windows (median and
 * interquartile range over rounds). Thread CPU time, unlike a rate, hardly moves with the other
 * work on a shared machine, so differences of tens of nanoseconds show.
 *
 * <ul>
 *   <li>{@code raw-direct}: a plain channel, a direct buffer ({@link RawUdpPair}'s way);
 *   <li>{@code raw-heap}: the same channel, a heap buffer (the JDK copies it);
 *   <li>{@code raw-with-reader}: a direct buffer from a channel that another thread is blocked
 *       receiving on, as a transport's channel always is;
 *   <li>{@code transport-heap} and {@code transport-direct}: {@link UdpTransport#send}.
 * </ul>
 *
 * <pre>
 * java -cp gossip-bench/target/benchmarks.jar dev.gossip.bench.UdpSendCostMain [payloadBytes] [rounds]
 * </pre>
 */
public final class UdpSendCostMain {

    private UdpSendCostMain() {}

    /**
     * Measures and prints one line per way of sending.
     *
     * @param args payload bytes (default 512), rounds (default 40)
     * @throws Exception if a socket cannot be opened
     */
    public static void main(String[] args) throws Exception {
        String usage = "usage: UdpSendCostMain [PAYLOAD_BYTES (512)] [ROUNDS (40)]";
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(usage);
            return;
        }
        int size;
        int rounds;
        try {
            if (args.length > 2) {
                throw new IllegalArgumentException("at most two arguments, got " + args.length);
            }
            size = args.length > 0 ? Integer.parseInt(args[0]) : 512;
            rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
            if (size < 1 || size > 65_000 || rounds < 1) {
                throw new IllegalArgumentException("PAYLOAD_BYTES must be 1..65000 and ROUNDS at least 1");
            }
        } catch (IllegalArgumentException e) {
            String message =
                    e instanceof NumberFormatException ? "not a number: " + String.join(" ", args) : e.getMessage();
            System.err.println("UdpSendCostMain: " + message + " (" + usage + ")");
            System.exit(2);
            return;
        }
        ReceiveCount count = new ReceiveCount();
        try (RawUdpPair pair = RawUdpPair.open(size, count);
                DatagramChannel plain = sender();
                DatagramChannel reading = sender();
                UdpTransport transport = new UdpTransport(UdpPath.transportConfig())) {
            Thread reader = new Thread(() -> drainForever(reading), "send-cost-reader");
            reader.setDaemon(true);
            reader.start();
            transport.start((from, datagram) -> {});
            InetSocketAddress target = pair.target();
            IpAddress to = IpAddress.of(target);
            ByteBuffer direct = ByteBuffer.allocateDirect(size);
            ByteBuffer heap = ByteBuffer.allocate(size);
            Map<String, BooleanSupplier> ways = new LinkedHashMap<>();
            ways.put("raw-direct", () -> send(plain, direct.clear(), target));
            ways.put("raw-heap", () -> send(plain, heap.clear(), target));
            ways.put("raw-with-reader", () -> send(reading, direct.clear(), target));
            ways.put("transport-heap", () -> transport.send(to, heap.clear()));
            ways.put("transport-direct", () -> transport.send(to, direct.clear()));
            print(size, measure(ways, rounds));
        }
    }

    private static DatagramChannel sender() throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 1024 * 1024);
        return channel.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    private static boolean send(DatagramChannel channel, ByteBuffer buffer, InetSocketAddress target) {
        try {
            return channel.send(buffer, target) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drainForever(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer); // nothing is sent to it: it only waits, as a transport's does
            }
        } catch (IOException e) {
            // closed: done
        }
    }

    /** @return per way, the sender CPU nanoseconds per datagram of each measured round */
    private static Map<String, double[]> measure(Map<String, BooleanSupplier> ways, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> names = new ArrayList<>(ways.keySet());
        int warmup = Math.max(2, rounds / 4);
        Map<String, double[]> results = new LinkedHashMap<>();
        names.forEach(n -> results.put(n, new double[rounds]));
        for (int round = -warmup; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(Math.floorMod(round + i, names.size()));
                BooleanSupplier way = Objects.requireNonNull(ways.get(name)); // names are its keys
                long cpu = threads.getCurrentThreadCpuTime();
                long end = System.nanoTime() + 200_000_000L;
                long sends = 0;
                while (System.nanoTime() < end) {
                    boolean unused = way.getAsBoolean(); // each attempt is timed, sent or refused alike
                    sends++;
                }
                if (round >= 0) {
                    Objects.requireNonNull(results.get(name))[round] =
                            (double) (threads.getCurrentThreadCpuTime() - cpu) / sends;
                }
            }
        }
        return results;
    }

    private static void print(int size, Map<String, double[]> results) {
        System.out.printf(
                Locale.ROOT,
                "sender CPU ns per datagram, %d B, median [p25, p75] over %d rounds%n",
                size,
                results.values().iterator().next().length);
        System.out.println("| way | sender CPU ns/datagram | vs raw-direct |");
        System.out.println("|---|--:|--:|");
        double base = UdpRatioTable.quantile(Objects.requireNonNull(results.get("raw-direct")), 0.5); // always measured
        results.forEach((name, values) -> {
            double median = UdpRatioTable.quantile(values, 0.5);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f [%.0f, %.0f] | %+.0f |%n",
                    name,
                    median,
                    UdpRatioTable.quantile(values, 0.25),
                    UdpRatioTable.quantile(values, 0.75),
                    median - base);
        });
    }
}
