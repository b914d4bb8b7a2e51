package dev.gossip.cli;

import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The status {@code gossip node} prints on {@code /status} or SIGUSR2: views, the size estimate
 * and the counters of one {@link NodeSnapshot}, every line starting with {@code status: }.
 */
final class NodeStatus {

    private NodeStatus() {}

    /**
     * @param s a snapshot
     * @return the status lines, joined by line separators, without a final one
     */
    static String format(NodeSnapshot s) {
        Map<String, Long> drops = new TreeMap<>();
        s.drops().forEach((reason, count) -> {
            if (count > 0) {
                drops.put(reason.name(), count);
            }
        });
        String sep = System.lineSeparator();
        return String.join(
                sep,
                String.format(
                        Locale.ROOT, "status: %s %s, cluster size estimate %.1f", s.id(), s.state(), s.estimatedSize()),
                "status: partial view (" + s.partialView().size() + "): " + ids(s.partialView()),
                "status: in-view (" + s.inView().size() + "): " + ids(s.inView()),
                "status: datagrams sent " + s.datagramsSent() + ", received " + s.datagramsReceived()
                        + "; broadcasts " + s.broadcasts() + ", delivered " + s.delivered()
                        + ", duplicates " + s.duplicates() + ", forwarded " + s.forwarded(),
                "status: drops " + s.totalDrops() + (drops.isEmpty() ? "" : " " + pairs(drops)),
                "status: membership " + pairs(new TreeMap<>(s.membershipCounters())));
    }

    private static String ids(List<NodeId> ids) {
        return ids.isEmpty() ? "-" : ids.stream().map(NodeId::toString).sorted().collect(Collectors.joining(" "));
    }

    private static String pairs(Map<String, Long> counters) {
        return counters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
