package dev.gossip.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites a config record's validation message, which names record components
 * ({@code isolationTimeout must be at least 2 x heartbeatInterval ...}), to name the flags that set
 * them ({@code --isolation-timeout must be at least 2 x --heartbeat-interval ...}).
 */
final class FlagNames {

    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("maxDatagramBytes", "--max-datagram-bytes");
        FLAGS.put("receiveBufferBytes", "--receive-buffer-bytes");
        FLAGS.put("sendBufferBytes", "--send-buffer-bytes");
        FLAGS.put("c", "--c");
        FLAGS.put("heartbeatInterval", "--heartbeat-interval");
        FLAGS.put("isolationTimeout", "--isolation-timeout");
        FLAGS.put("forwardHopFactor", "--forward-hop-factor");
        FLAGS.put("lease", "--lease");
        FLAGS.put("indirectionWalk", "--indirection-walk");
        FLAGS.put("maxPayloadBytes", "--max-payload-bytes");
        FLAGS.put("dedupCapacity", "--dedup-capacity");
        FLAGS.put("tickInterval", "--tick-interval");
        FLAGS.put("perSecond", "--rate-limit-per-second");
        FLAGS.put("burst", "--rate-limit-burst");
        FLAGS.put("maxSenders", "--rate-limit-max-senders");
        FLAGS.put("interval", "--anti-entropy-interval");
        FLAGS.put("maxDigestIds", "--anti-entropy-max-digest-ids");
        FLAGS.put("historyCapacity", "--anti-entropy-history");
        FLAGS.put("announceInterval", "--announce-interval");
        FLAGS.put("graftTimeout", "--graft-timeout");
        FLAGS.put("linger", "--linger");
    }

    private static final Pattern WORD = Pattern.compile("(?<![\\w-])(" + String.join("|", FLAGS.keySet()) + ")\\b");

    private FlagNames() {}

    /**
     * @param message a config record's validation message
     * @return the message with each component name replaced by its flag
     */
    static String rewrite(@Nullable String message) {
        if (message == null) {
            return "invalid configuration";
        }
        Matcher m = WORD.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(FLAGS.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }
}
